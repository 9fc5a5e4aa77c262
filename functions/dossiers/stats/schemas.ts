// Request and response shapes of the dossier statistics.
import * as z from 'zod';
import { AgencyCode } from '#shared/agency';
import { daysBetween, GROUP_BY } from './model';

/** The longest period one request may cover: a year (a leap year's 366 days). */
export const MAX_PERIOD_DAYS = 366;

const Day = z.iso.date({ message: 'ngày có dạng YYYY-MM-DD và có thật (a real YYYY-MM-DD date)' });

export const StatsParams = z.strictObject({ tenant: z.string() });

export const StatsQuery = z.strictObject({
  /** First day of the period, Asia/Ho_Chi_Minh, included. */
  from: Day,
  /** Last day of the period, included: in-progress figures are measured at its end (24:00). */
  to: Day,
  groupBy: z.enum(GROUP_BY).default('unit'),
  /** Only the dossiers received by this unit (leaders and administrators; clerks and officers see their own unit). */
  unit: AgencyCode.optional(),
}).superRefine((q, ctx) => {
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'ngày kết thúc phải từ ngày bắt đầu trở đi (to must not be before from)' });
  else if (daysBetween(q.from, q.to) > MAX_PERIOD_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `kỳ báo cáo tối đa ${MAX_PERIOD_DAYS} ngày (a period is at most ${MAX_PERIOD_DAYS} days)` });
  }
});
export type StatsQuery = z.infer<typeof StatsQuery>;

export const Figures = z.object({
  received: z.number().int().describe('Tiếp nhận: submitted in the period'),
  finishedOnTime: z.number().int().describe('Đã giải quyết đúng hạn: finished in the period, on time'),
  finishedLate: z.number().int().describe('Đã giải quyết quá hạn: finished in the period, late'),
  finished: z.number().int(),
  inProgress: z.number().int().describe('Đang giải quyết at the end of the period'),
  inProgressOnTime: z.number().int().describe('Đang giải quyết, trong hạn'),
  inProgressOverdue: z.number().int().describe('Đang giải quyết, quá hạn'),
  withdrawn: z.number().int().describe('Withdrawn by the applicant in the period'),
  rated: z.number().int().describe('Ratings of the dossiers finished in the period'),
  complaints: z.number().int().describe('"Không hài lòng" ratings of the dossiers finished in the period'),
  onTimeRate: z.number().nullable().describe('finishedOnTime / finished × 100 (2 decimals); null when nothing was finished'),
  satisfactionIndex: z.number().nullable().describe('100 − (% finished late + % with a complaint), of the dossiers finished in the period; null when none'),
});

export const DossierStats = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(GROUP_BY),
  timeZone: z.literal('Asia/Ho_Chi_Minh'),
  unit: z.string().optional(),
  groups: z.array(Figures.extend({ key: z.string() })),
  total: Figures,
});
export type DossierStats = z.infer<typeof DossierStats>;

export const SnapshotParams = z.strictObject({ tenant: z.string(), date: Day });

/** A day's figures by receiving unit, frozen the night after (the daily report leaders read in the morning). */
export const DailySnapshot = DossierStats.extend({ takenAt: z.string() });
export type DailySnapshot = z.infer<typeof DailySnapshot>;

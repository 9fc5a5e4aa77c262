// Seed calendars: the public holidays of civil servants (cán bộ, công chức, viên chức) for the known years.
// Seed data only: each tenant keeps its own copy per year, which its admins edit (a province may differ, the
// Government decides Tết and the day next to 2 September each year, and the law changes). See docs/calendar.md.
//
// Rules: Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), Art. 112(1): 1 January; Tết Âm lịch 5 days; Hùng Kings
// 10/3 lunar; 30 April; 1 May; 2 September and one day next to it. Art. 111(3): a holiday falling on the weekly
// rest day is taken on the next working day (nghỉ bù). Lunar dates are those of Vietnam's calendar (UTC+7).
import { DEFAULT_OFFICE_HOURS, YearCalendarSchema, type YearCalendar, type YearCalendarInput } from './types';

/** The legal rules the seed records follow; kept on every record so a change of law can be traced. */
export const CALENDAR_RULES_VERSION = '2025-labour-code-2019';

const days = (dates: string[], name: string) => dates.map((date) => ({ date, name }));

const SEED: YearCalendarInput[] = [
  {
    year: 2025,
    holidays: [
      { date: '2025-01-01', name: 'Tết Dương lịch' },
      // Thông báo 6150/TB-LĐTBXH (12/11/2024): 28 tháng Chạp Giáp Thìn to mùng 3 Tết Ất Tỵ, Monday to Friday.
      ...days(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'], 'Tết Nguyên đán Ất Tỵ'),
      { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2025-04-30', name: 'Ngày Chiến thắng' },
      { date: '2025-05-01', name: 'Ngày Quốc tế Lao động' },
      // Same notice: Friday 2 May swapped with Saturday 26 April (5 days off, 30/4 to 4/5).
      { date: '2025-05-02', name: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/4/2025)' },
      { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề)' },
      { date: '2025-09-02', name: 'Quốc khánh' },
    ],
    workingDays: [{ date: '2025-04-26', name: 'Làm bù cho thứ Sáu 02/5/2025' }],
  },
  {
    year: 2026,
    holidays: [
      { date: '2026-01-01', name: 'Tết Dương lịch' },
      // Văn bản 12729/VPCP-KGVX (25/12/2025): Friday 2 January swapped with Saturday 10 January (4 days off).
      { date: '2026-01-02', name: 'Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/01/2026)' },
      // Decided October 2025: 29 tháng Chạp Ất Tỵ to mùng 4 Tết Bính Ngọ, Monday to Friday (9 days with weekends).
      ...days(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], 'Tết Nguyên đán Bính Ngọ'),
      { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)' },
      { date: '2026-04-30', name: 'Ngày Chiến thắng' },
      { date: '2026-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề)' },
      { date: '2026-09-02', name: 'Quốc khánh' },
    ],
    workingDays: [{ date: '2026-01-10', name: 'Làm bù cho thứ Sáu 02/01/2026' }],
  },
  {
    year: 2027,
    holidays: [
      { date: '2027-01-01', name: 'Tết Dương lịch' },
      // Not decided yet. Mùng 1 Tết Đinh Mùi is Saturday 6 February 2027: two days before and three from mùng 1,
      // the weekend taken on the following working days, as in 2024 (when mùng 1 was also a Saturday).
      ...days(['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], 'Tết Nguyên đán Đinh Mùi (dự kiến)'),
      ...days(['2027-02-09', '2027-02-10'], 'Nghỉ bù Tết Nguyên đán Đinh Mùi (dự kiến)'),
      { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2027-04-30', name: 'Ngày Chiến thắng' },
      { date: '2027-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)' },
      { date: '2027-09-02', name: 'Quốc khánh' },
      { date: '2027-09-03', name: 'Quốc khánh (ngày liền kề, dự kiến)' },
    ],
    workingDays: [],
  },
];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

/** Seed calendars for 2025–2027, validated, with the default office hours; frozen: copy one to edit it. */
export const VIETNAM_HOLIDAYS: readonly YearCalendar[] = deepFreeze(
  SEED.map((calendar) => YearCalendarSchema.parse({ officeHours: DEFAULT_OFFICE_HOURS, rulesVersion: CALENDAR_RULES_VERSION, ...calendar })),
);

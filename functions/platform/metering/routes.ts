// A tenant's metered usage per month (docs/metering.md).
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import { MONTH_PATTERN } from '#shared/metering';
import { TenantIdParams } from '../schemas';

export const UsageQuery = z.strictObject({
  month: z.string().regex(MONTH_PATTERN, 'a month as YYYY-MM').optional().describe('YYYY-MM, in Vietnam; the current month unless given'),
});

const Quotas = z.object({ dossiers: z.number(), documentsSent: z.number(), meetingHours: z.number(), mailboxes: z.number(), storageGb: z.number() });

export const UsageView = z.object({
  tenant: z.string(),
  month: z.string(),
  dossiers: z.number().describe('hồ sơ đã nộp / dossiers submitted'),
  documentsSent: z.number().describe('văn bản đã gửi, theo từng nơi nhận / documents sent, per recipient agency'),
  meetingHours: z.number().describe('giờ họp × điểm cầu / meeting hours per connection point'),
  mailSent: z.number().describe('thư công vụ cán bộ đã gửi / mail sent by officials'),
  activeOfficials: z.number().describe('cán bộ đang hoạt động cuối tháng / enabled officials at the end of the month'),
  mailboxes: z.number().describe('hộp thư cuối tháng / mailboxes at the end of the month'),
  storageGbMonths: z.number().describe('GB-tháng lưu trữ / storage in GB-months (projected to the month\'s end for the current month)'),
  storageBytes: z.number().describe('dung lượng lưu trữ cuối tháng / bytes stored at the end of the month'),
  quotas: Quotas.describe('hạn mức hiện hành của thuê bao / the tenant\'s effective quotas'),
});

export const meteringRoutes = defineRoutes({
  getUsage: {
    method: 'GET', path: '/platform/v1/tenants/{id}/usage', access: 'operator', params: TenantIdParams, query: UsageQuery, response: UsageView,
    summary: 'Mức sử dụng của thuê bao trong tháng / A tenant\'s usage in a month',
  },
});

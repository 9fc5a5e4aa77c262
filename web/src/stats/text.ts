// Every text of the statistics area, Vietnamese first.
import type { Text } from '../core/i18n';

export const STATS_TEXT = {
  title: { vi: 'Thống kê hồ sơ', en: 'Dossier statistics' },
  lead: { vi: 'Tỷ lệ giải quyết đúng hạn và số hồ sơ theo kỳ báo cáo.', en: 'On-time rate and dossier counts for a period.' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  groupBy: { vi: 'Thống kê theo', en: 'Group by' },
  byUnit: { vi: 'Đơn vị', en: 'Unit' },
  byProcedure: { vi: 'Thủ tục', en: 'Procedure' },
  byField: { vi: 'Lĩnh vực', en: 'Field' },
  show: { vi: 'Xem thống kê', en: 'Show statistics' },
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  chartTitle: { vi: 'Biểu đồ kết quả giải quyết', en: 'Chart of results' },
  tableTitle: { vi: 'Bảng số liệu', en: 'Figures' },
  exportCsv: { vi: 'Tải xuống CSV', en: 'Download CSV' },
  nothing: { vi: 'Không có hồ sơ nào trong kỳ này.', en: 'No dossiers in this period.' },
  total: { vi: 'Tổng cộng', en: 'Total' },
  received: { vi: 'Tiếp nhận', en: 'Received' },
  finished: { vi: 'Đã giải quyết', en: 'Resolved' },
  finishedOnTime: { vi: 'Giải quyết đúng hạn', en: 'Resolved on time' },
  finishedLate: { vi: 'Giải quyết quá hạn', en: 'Resolved late' },
  inProgress: { vi: 'Đang giải quyết', en: 'Pending' },
  inProgressOverdue: { vi: 'Đang giải quyết quá hạn', en: 'Pending, overdue' },
  withdrawn: { vi: 'Rút hồ sơ', en: 'Withdrawn' },
  onTimeRate: { vi: 'Tỷ lệ đúng hạn (%)', en: 'On-time rate (%)' },
  satisfaction: { vi: 'Chỉ số hài lòng', en: 'Satisfaction index' },
  noRate: { vi: 'chưa có', en: 'n/a' },
  dateHint: { vi: 'Ngày/tháng/năm (dd/MM/yyyy)', en: 'Day/month/year (dd/MM/yyyy)' },
  badDate: { vi: 'Ngày không hợp lệ: hãy nhập theo dạng dd/MM/yyyy.', en: 'Not a valid date: type it as dd/MM/yyyy.' },
  sections: { vi: 'Các loại báo cáo', en: 'Reports' },
  byPeriod: { vi: 'Theo kỳ báo cáo', en: 'By period' },
  daily: { vi: 'Báo cáo ngày', en: 'Daily report' },
  dailyLead: { vi: 'Số liệu của một ngày theo đơn vị, chốt lúc 00:15 ngày hôm sau.', en: 'A day\'s figures by unit, frozen at 00:15 the next day.' },
  day: { vi: 'Ngày báo cáo', en: 'Day' },
  takenAt: { vi: 'Chốt số liệu lúc', en: 'Frozen at' },
  invalidPeriod: { vi: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.', en: 'The end date must not be before the start date.' },
} satisfies Record<string, Text>;

/** "Biểu đồ 3 nhóm: tiếp nhận 12, đúng hạn 80%" — the chart's summary for screen readers. */
export const chartSummary = (groups: number, received: number, rate: string): Text => ({
  vi: `Biểu đồ ${groups} nhóm: tổng tiếp nhận ${received} hồ sơ, tỷ lệ giải quyết đúng hạn ${rate}. Số liệu chi tiết ở bảng bên dưới.`,
  en: `Chart of ${groups} groups: ${received} dossiers received in all, on-time rate ${rate}. The table below has the figures.`,
});

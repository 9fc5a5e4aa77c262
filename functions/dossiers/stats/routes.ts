// The dossier statistics' HTTP routes (DOMAIN.md "On time or late", "Satisfaction"; docs/statistics.md).
import { defineRoutes } from '#shared/http/route';
import { DailySnapshot, DossierStats, SnapshotParams, StatsParams, StatsQuery } from './schemas';

/** Leaders and administrators: the province; clerks and officers: their own unit only. */
const OFFICIALS = ['clerk', 'officer', 'leader', 'tenant-admin'] as const;

export const statsRoutes = defineRoutes({
  dossierStats: {
    method: 'GET', path: '/v1/{tenant}/stats/dossiers', access: OFFICIALS, params: StatsParams, query: StatsQuery, response: DossierStats,
    summary: 'Thống kê hồ sơ: tiếp nhận, đúng hạn, quá hạn, chỉ số hài lòng / Dossier figures of a period by unit, procedure or field',
  },
  dailyDossierStats: {
    method: 'GET', path: '/v1/{tenant}/stats/dossiers/daily/{date}', access: OFFICIALS, params: SnapshotParams, response: DailySnapshot,
    summary: 'Báo cáo ngày (chốt lúc 00:15 hôm sau) / A day\'s figures by unit, frozen the night after',
  },
});

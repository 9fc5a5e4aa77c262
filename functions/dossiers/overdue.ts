// The daily overdue report (`dossiers-overdue`, functions/index.ts): every morning, each unit's leaders hear which of
// their unit's dossiers passed their due date since the last report. Safe to run twice: a unit's report for one
// scheduled time is one mail request (same id), and the next window starts where the last one ended.
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ScheduledEvent } from 'aws-lambda';
import { formatVietnamDateTime, toVietnamIso } from '#shared/clock';
import { requireEnv, requireJsonEnv } from '#shared/config';
import { cancelledOnCondition, documentClient } from '#shared/ddb';
import { directoryTable, parentUnit, unitMembers, type DirectoryMember } from '#shared/directory';
import { mailOutboxTable, mailRequestItem, type MailRequest } from '#shared/outbox';
import { DeployedTenants, type DeployedTenant } from '#shared/tenant';
import type { DossierListRow } from './schemas';
import { dynamoDossierStore } from './store';
import { dossiersTable } from './tables';
import { withConsumption } from '#shared/with-consumption';

const logger = new Logger({ serviceName: 'dossiers-overdue' });
// `OverdueDossiers` per tenant (dimensions `service` and `tenant`): the tenant's dashboard and its overdue alarm
// (infra/constructs/tenant-monitoring.ts, OVERDUE_METRIC) read it.
const metrics = new Metrics({ serviceName: 'dossiers-overdue', namespace: 'TinhSo' });
const db = documentClient();
const table = requireEnv(dossiersTable.envVar);
const directory = requireEnv(directoryTable.envVar);
const outbox = requireEnv(mailOutboxTable.envVar);
const tenants = requireJsonEnv('TENANTS', DeployedTenants);
const store = dynamoDossierStore(db, table);

/** The first report looks back one day. */
const FIRST_WINDOW_MS = 24 * 3_600_000;
const lastRunKey = (tenant: string) => ({ pk: `${tenant}#JOB#dossiers-overdue`, sk: 'LAST' });

/** The unit's leaders; a unit without one (a commune with no leader account yet) reports to its parent's. */
async function leadersFor(tenant: string, unit: string): Promise<DirectoryMember[]> {
  for (let current: string | undefined = unit, depth = 0; current && depth < 10; depth++) {
    const leaders = await unitMembers(db, directory, tenant, current, ['leader']);
    if (leaders.length) return leaders;
    current = await parentUnit(db, directory, tenant, current);
  }
  return [];
}

export function overdueReport(tenant: Pick<DeployedTenant, 'id' | 'name'>, unit: string, rows: DossierListRow[], leaders: DirectoryMember[], at: string, runId: string): MailRequest {
  const lines = rows.map((d) => `  - ${d.code}: ${d.procedure.name} (hạn ${formatVietnamDateTime(new Date(d.dueAt!))}, người nộp ${d.applicantName})`);
  return {
    id: `dossiers-overdue.${unit}.${runId}`,
    tenant: tenant.id,
    from: { local: 'motcua', name: `Một cửa điện tử ${tenant.name}` },
    to: leaders.map((l) => ({ address: l.email, name: l.name })),
    subject: `${rows.length} hồ sơ của đơn vị ${unit} đã quá hạn giải quyết`,
    text: [
      'Kính gửi lãnh đạo đơn vị,', '', `Các hồ sơ sau của đơn vị ${unit} đã quá hạn giải quyết và chưa có kết quả:`, ...lines, '',
      'Đề nghị chỉ đạo giải quyết; nếu cần gia hạn, đơn vị gửi văn bản xin lỗi và hẹn lại ngày trả kết quả (mẫu 04).', '',
      `Bộ phận Một cửa - ${tenant.name}`, '', '---', `${rows.length} dossier(s) of unit ${unit} are past their due date.`, '',
    ].join('\n'),
    origin: { service: 'dossiers', reference: `overdue/${unit}` },
    createdAt: at,
  };
}

async function reportTenant(tenant: DeployedTenant, now: Date): Promise<{ tenant: string; units: number; dossiers: number }> {
  const last = await db.send(new GetCommand({ TableName: table, Key: lastRunKey(tenant.id), ConsistentRead: true }));
  const after = (last.Item?.until as string | undefined) ?? toVietnamIso(new Date(now.getTime() - FIRST_WINDOW_MS));
  const until = toVietnamIso(now);
  if (until <= after) return { tenant: tenant.id, units: 0, dossiers: 0 };
  const overdue = await store.dueBetween(tenant.id, after, until);
  const byUnit = new Map<string, DossierListRow[]>();
  for (const d of overdue) byUnit.set(d.currentUnit, [...(byUnit.get(d.currentUnit) ?? []), d]);
  const runId = until.replace(/[^\d]/g, '').slice(0, 12);
  for (const [unit, rows] of byUnit) {
    const leaders = await leadersFor(tenant.id, unit);
    if (!leaders.length) {
      logger.warn('no leader to tell of overdue dossiers', { tenant: tenant.id, unit, count: rows.length });
      continue;
    }
    try {
      await db.send(new TransactWriteCommand({ TransactItems: [mailRequestItem(outbox, overdueReport(tenant, unit, rows, leaders, until, runId))] }));
    } catch (err) {
      if (!cancelledOnCondition(err)) throw err; // this run's report for the unit was requested already
    }
  }
  await db.send(new PutCommand({ TableName: table, Item: { ...lastRunKey(tenant.id), until } }));
  return { tenant: tenant.id, units: byUnit.size, dossiers: overdue.length };
}

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: ScheduledEvent) {
  const now = new Date(event.time);
  const results = [];
  for (const tenant of tenants) {
    const result = await reportTenant(tenant, now);
    logger.info('overdue report', result);
    metrics.addDimension('tenant', tenant.id);
    metrics.addMetric('OverdueDossiers', MetricUnit.Count, result.dossiers);
    metrics.publishStoredMetrics();
    results.push(result);
  }
  return results;
}

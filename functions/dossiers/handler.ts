// Lambda entry of the dossiers service: the procedure catalogue, the working-time calendar and dossiers.
import { requireEnv } from '#shared/config';
import { systemClock } from '#shared/clock';
import { documentClient } from '#shared/ddb';
import { httpHandler } from '#shared/http/handler';
import { powertoolsIdempotency } from '#shared/http/idempotency';
import { FILES_BUCKET_ENV, s3Client } from '#shared/s3';
import { mailOutboxTable } from '#shared/outbox';
import { registryPolicy } from '#shared/quota';
import { uploadsTable } from '#shared/uploads';
import { putCalendar } from './calendar/service';
import { dossierDeps } from './deps';
import { procedureImplementations } from './procedures/implementations';
import { dossiersRoutes } from './routes';
import { dossiersTable } from './tables';
import * as dossiers from './service';
import * as stats from './stats/service';
import { dynamoStatsStore } from './stats/store';

const { deps, procedureStore, calendars } = dossierDeps({
  db: documentClient(),
  s3: s3Client(),
  table: requireEnv(dossiersTable.envVar),
  uploadsTable: requireEnv(uploadsTable.envVar),
  outboxTable: requireEnv(mailOutboxTable.envVar),
  bucket: requireEnv(FILES_BUCKET_ENV),
  clock: systemClock,
  quotas: registryPolicy,
});

const statsStore = dynamoStatsStore(documentClient(), requireEnv(dossiersTable.envVar));

export const handler = httpHandler('dossiers', dossiersRoutes, {
  ...procedureImplementations({ procedures: procedureStore, clock: systemClock }),
  getCalendar: async ({ tenant, params }) => calendars.get(tenant, params.year),
  putCalendar: async ({ tenant, params, body, caller }) => putCalendar(calendars, systemClock, tenant, params.year, caller, body),
  submitDossier: async ({ tenant, caller, body }) => dossiers.submit(deps, tenant, caller, body),
  listDossiers: async ({ tenant, caller, query }) => dossiers.inbox(deps, tenant, caller, query),
  getDossier: async ({ tenant, caller, params }) => dossiers.view(deps, tenant, caller, params.code),
  actOnDossier: async ({ tenant, caller, params, body }) => dossiers.act(deps, tenant, caller, params.code, body),
  rateDossier: async ({ tenant, caller, params, body }) => dossiers.rate(deps, tenant, caller, params.code, body),
  myDossiers: async ({ tenant, caller, query }) => dossiers.mine(deps, tenant, caller, query),
  lookupDossier: async ({ tenant, params, query }) => dossiers.publicLookup(deps, tenant, params.code, query.phone),
  dossierStats: async ({ tenant, caller, query }) => stats.dossierStats(statsStore, tenant, caller, query),
  dailyDossierStats: async ({ tenant, caller, params }) => stats.dailySnapshot(statsStore, tenant, caller, params.date),
}, powertoolsIdempotency());

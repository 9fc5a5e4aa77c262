// Lambda entry of the dossiers service: the procedure catalogue, the working-time calendar and dossiers.
import { requireEnv } from '#shared/config';
import { systemClock } from '#shared/clock';
import { documentClient } from '#shared/ddb';
import { httpHandler } from '#shared/http/handler';
import { powertoolsIdempotency } from '#shared/http/idempotency';
import { FILES_BUCKET_ENV, s3Client } from '#shared/s3';
import { uploadsTable } from '#shared/uploads';
import { calendarWorkingTime, putCalendar } from './calendar/service';
import { dynamoCalendarStore } from './calendar/store';
import { uploadFiles } from './files';
import { procedureImplementations } from './procedures/implementations';
import { dynamoProcedureStore } from './procedures/store';
import { dossiersRoutes } from './routes';
import * as dossiers from './service';
import { dynamoDossierStore } from './store';

const db = documentClient();
const table = requireEnv('DOSSIERS_TABLE');
const procedureStore = dynamoProcedureStore(db, table);
const calendars = dynamoCalendarStore(db, table);
const deps: dossiers.DossierDeps = {
  store: dynamoDossierStore(db, table),
  procedures: { getPublished: procedureStore.getPublished, getVersion: (t, code, v) => procedureStore.getVersion(t, code, v) },
  files: uploadFiles(db, s3Client(), requireEnv(uploadsTable.envVar), requireEnv(FILES_BUCKET_ENV)),
  workingTime: calendarWorkingTime(calendars),
  clock: systemClock,
};

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
}, powertoolsIdempotency());

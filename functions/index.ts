// The service catalog: the one list of services, read by the CDK app, the local runtime and the OpenAPI route.
// It holds declarations only (routes, tables, entry files): services never import each other's logic.
import type { Routes } from '#shared/http/route';
import { idempotencyTable, type TableDef } from '#shared/table';
import { uploadsTable } from '#shared/uploads';
import { apiRoutes } from './api/routes';
import { directoryRoutes } from './directory/routes';
import { directoryTable } from './directory/tables';
import { dossiersRoutes } from './dossiers/routes';
import { formRoutes } from './dossiers/forms/routes';
import { dossiersTable } from './dossiers/tables';
import { mailRoutes } from './mail/routes';
import { mailOutboxTable } from '#shared/outbox';
import { uploadsRoutes } from './uploads/routes';

export interface ServiceDef {
  /** Folder under functions/, and the function's name in a stack. */
  name: string;
  routes: Routes;
  /** Tables the service reads and writes; it is granted these and no others. */
  tables: TableDef[];
  /** Other services' tables it only reads (through their keys in shared/), e.g. the directory for a unit's leaders. */
  reads?: TableDef[];
  /** The HTTP entry point, relative to the repository root. */
  entry: string;
  /** Whether it administers the tenant's user pool (creates officials, sets their groups). */
  userPoolAdmin?: boolean;
  /** Whether it reads and writes the tenant's files bucket (FILES_BUCKET). */
  files?: boolean;
  /** Whether it sends mail to people: it may put requests into the mail outbox (MAIL_OUTBOX_TABLE), nothing more. */
  sendsMail?: boolean;
  /** Whether it delivers mail out of the suite (SES with the tenant's domain identity; MAIL_TRANSPORT=ses). */
  deliversMail?: boolean;
  /** Consumers of its tables' streams (its event log): async work such as statistics and notifications. */
  streams?: StreamConsumerDef[];
  /** Jobs run on a schedule (e.g. the daily overdue check). */
  schedules?: ScheduleDef[];
}

/** A function fed by a table's stream. It gets the service's environment and grants, plus the stream. */
export interface StreamConsumerDef {
  /** Unique in a deployment, e.g. `dossiers-stats`: the function's name in a stack and locally. */
  name: string;
  /** The TableDef.name whose stream it reads (the table must declare `stream: true`). */
  table: string;
  /** Entry file exporting `handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse>`; must be idempotent. */
  entry: string;
}

/** A function run on a schedule. It gets the service's environment and grants. */
export interface ScheduleDef {
  name: string;
  /** EventBridge schedule expression, in UTC: `cron(0 0 * * ? *)` is 07:00 in Vietnam. */
  schedule: string;
  /** Entry file exporting `handler(event: ScheduledEvent)`. */
  entry: string;
}

export const SERVICES: ServiceDef[] = [
  { name: 'api', routes: apiRoutes, tables: [], entry: 'functions/api/handler.ts' },
  {
    name: 'directory',
    routes: directoryRoutes,
    tables: [directoryTable, idempotencyTable],
    entry: 'functions/directory/handler.ts',
    userPoolAdmin: true,
  },
  { name: 'uploads', routes: uploadsRoutes, tables: [uploadsTable, idempotencyTable], entry: 'functions/uploads/handler.ts', files: true },
  {
    name: 'dossiers',
    routes: dossiersRoutes,
    // The uploads table too: a dossier claims its files in the same transaction that saves it.
    tables: [dossiersTable, uploadsTable, idempotencyTable],
    entry: 'functions/dossiers/handler.ts',
    files: true,
    sendsMail: true,
    // The overdue report goes to each unit's leaders, whom the directory knows.
    reads: [directoryTable],
    // Statistics (docs/statistics.md): counters kept from the dossiers' event log, and the nightly daily report.
    streams: [{ name: 'dossiers-stats', table: dossiersTable.name, entry: 'functions/dossiers/stats/stream.ts' }],
    schedules: [
      { name: 'dossiers-stats-daily', schedule: 'cron(15 17 * * ? *)', entry: 'functions/dossiers/stats/schedule.ts' },
      // 07:00 in Vietnam: each unit's leaders hear of the dossiers that passed their due date since the last report.
      { name: 'dossiers-overdue', schedule: 'cron(0 0 * * ? *)', entry: 'functions/dossiers/overdue.ts' },
    ],
  },
  // The forms of a dossier as PDFs (docs/forms.md): a function of its own, so dossiers carries no PDF writer or font.
  { name: 'dossier-forms', routes: formRoutes, tables: [dossiersTable], entry: 'functions/dossiers/forms/handler.ts', files: true },
  {
    name: 'mail',
    routes: mailRoutes,
    tables: [mailOutboxTable],
    entry: 'functions/mail/handler.ts',
    deliversMail: true,
    streams: [{ name: 'mail-outbox', table: mailOutboxTable.name, entry: 'functions/mail/outbox.ts' }],
  },
];

/** Cognito triggers of a tenant's user pool. */
export const USER_POOL_TRIGGERS = {
  postConfirmation: { name: 'signup', entry: 'functions/directory/signup.ts' },
} as const;

/** Every table of a tenant deployment, once each. */
export const TENANT_TABLES: TableDef[] = [...new Map(SERVICES.flatMap((s) => s.tables).map((t) => [t.name, t])).values()];

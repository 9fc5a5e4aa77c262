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
import { mailTable } from './mail/tables';
import { mailOutboxTable } from '#shared/outbox';
import { exchangeTable } from '#shared/exchange';
import { uploadsRoutes } from './uploads/routes';
import { documentsRoutes } from './documents/routes';
import { documentsTable } from './documents/tables';
import { meetingsRoutes } from './meetings/routes';
import { meetingsTable } from './meetings/tables';
import { directoryTable as sharedDirectoryTable } from '#shared/directory';
import { registryTable } from '#shared/registry';
import { usageTable } from '#shared/metering';
import { platformRoutes } from './platform/routes';
import { TENANT_OPERATIONS } from './platform/archive/catalog';
import { METER_CONSUMERS } from './platform/metering/catalog';

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
  /** Whether it makes video meetings: the tenant's video provider settings (Jitsi domain and secret, or Chime SDK). */
  video?: boolean;
  /** Whether it sends mail to people: it may put requests into the mail outbox (MAIL_OUTBOX_TABLE), nothing more. */
  sendsMail?: boolean;
  /** Whether it delivers mail out of the suite (SES with the tenant's domain identity; MAIL_TRANSPORT=ses). */
  deliversMail?: boolean;
  /** Consumers of its tables' streams (its event log): async work such as statistics and notifications. */
  streams?: StreamConsumerDef[];
  /** Jobs run on a schedule (e.g. the daily overdue check). */
  schedules?: ScheduleDef[];
  /**
   * Whether it exchanges with other tenants through the platform's hub (shared/exchange.ts): it may put envelope
   * items under its own tenant's prefix in the hub table, read and write its prefix of the hub bucket, and sign
   * with the tenant's exchange key (EXCHANGE_KEY_ID in AWS, EXCHANGE_KEY_FILE locally).
   */
  exchange?: boolean;
  /**
   * The function the platform's hub invokes to deliver an envelope into this tenant. Its name in a stack is fixed,
   * `tinhso-<tenant>-<name>` (tenantFunctionName), and must be `inboundFunction(channel)`. It gets the service's
   * environment and grants; its entry exports `handler(request: InboundRequest): Promise<InboundResult>`.
   */
  inbound?: { name: string; entry: string };
  /**
   * The function that receives Internet mail for the tenant's domain. In AWS an SES receipt rule stores the raw
   * message in the files bucket under `<tenant>/mail/incoming/` and invokes it with the SESEvent; locally the SMTP
   * server (local/smtp.ts) invokes it with `{ kind: 'check' | 'deliver' }`. It gets the service's environment and
   * grants; its entry exports `handler(event)` (functions/mail/inbound.ts).
   */
  receivesMail?: { name: string; entry: string };
  /**
   * The plan's gauges it enforces outside its own tables (docs/plans.md): `mailboxes`, it counts into the tenant's
   * mailboxes counter in the directory's table (UpdateItem on the partition `<tenant>#QUOTA` only); `storageGb`, it
   * reads the tenant's stored bytes from the platform's usage table (Query on the tenant's own items only).
   */
  gauges?: readonly ('mailboxes' | 'storageGb')[];
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
  { name: 'uploads', routes: uploadsRoutes, tables: [uploadsTable, idempotencyTable], entry: 'functions/uploads/handler.ts', files: true, gauges: ['storageGb'] },
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
    // The mailboxes (index in DynamoDB, raw .eml and attachments in the files bucket), the outbox it sends from,
    // the uploads a message attaches.
    tables: [mailTable, mailOutboxTable, uploadsTable, idempotencyTable],
    // Who has a mailbox: the officials of the directory.
    reads: [sharedDirectoryTable],
    // A shared mailbox or list counts against the plan's mailboxes, in the directory's counter.
    gauges: ['mailboxes'],
    entry: 'functions/mail/handler.ts',
    files: true,
    deliversMail: true,
    streams: [{ name: 'mail-outbox', table: mailOutboxTable.name, entry: 'functions/mail/outbox.ts' }],
    // Mail from the Internet to the tenant's domain (SES receipt rule in AWS, the local SMTP server locally).
    receivesMail: { name: 'mail-receive', entry: 'functions/mail/inbound.ts' },
    // Mail to another province of the suite goes through the platform's hub, which hands it to that province's
    // mail-inbound: the same entry as SES's receiver (mail-receive), as a function of the fixed name the hub invokes.
    exchange: true,
    inbound: { name: 'mail-inbound', entry: 'functions/mail/inbound.ts' },
  },
  {
    name: 'documents',
    routes: documentsRoutes,
    // The uploads table too: a document claims its files in the same transaction that saves it.
    tables: [documentsTable, uploadsTable, idempotencyTable],
    // Units (names, abbreviations for the symbol, who works where) come from the directory.
    reads: [sharedDirectoryTable],
    entry: 'functions/documents/handler.ts',
    files: true,
    sendsMail: true,
    exchange: true,
    inbound: { name: 'documents-inbound', entry: 'functions/documents/exchange/inbound.ts' },
    streams: [{ name: 'documents-dispatch', table: documentsTable.name, entry: 'functions/documents/exchange/dispatch.ts' }],
    // 07:00 in Vietnam: overdue tasks are reminded to their assignees.
    schedules: [{ name: 'documents-task-reminders', schedule: 'cron(0 0 * * ? *)', entry: 'functions/documents/reminders.ts' }],
  },
  {
    name: 'meetings',
    routes: meetingsRoutes,
    // The uploads table too: documents sent in advance and minutes are claimed in the transaction that records them.
    tables: [meetingsTable, uploadsTable, idempotencyTable],
    // Units (names, mailboxes, members) come from the directory.
    reads: [sharedDirectoryTable],
    entry: 'functions/meetings/handler.ts',
    files: true,
    sendsMail: true,
    video: true,
    // Every 5 minutes: reminders 24 h and 30 min before each occurrence.
    schedules: [{ name: 'meetings-reminders', schedule: 'cron(0/5 * * * ? *)', entry: 'functions/meetings/reminders.ts' }],
  },
];

/** The control plane's tables (deployment `platform`, physical names `platform-<name>`). */
export const PLATFORM_TABLES: TableDef[] = [exchangeTable, registryTable, usageTable];

/**
 * The operator API (functions/platform): the PlatformStack's HTTP API behind the platform's own user pool. Its routes
 * are under /platform/v1 and need the group `operator`; no tenant's token opens them.
 */
export const PLATFORM_API: ServiceDef = {
  name: 'platform',
  routes: platformRoutes,
  tables: [registryTable, usageTable],
  entry: 'functions/platform/handler.ts',
};

/**
 * The control plane's stream consumers. They get PLATFORM environment: EXCHANGE_TABLE, EXCHANGE_BUCKET,
 * EXCHANGE_TENANTS (every tenant's id, name and root agency) and may invoke the tenants' inbound functions.
 */
export const PLATFORM_STREAMS: StreamConsumerDef[] = [
  // Delivers each envelope a tenant put into the hub to the recipient tenant's inbound function, exactly once.
  { name: 'exchange-hub', table: exchangeTable.name, entry: 'functions/platform/exchange/hub.ts' },
];

/**
 * A platform function that runs inside each tenant's deployment with the grants of every service (all its tables, its
 * files bucket), invoked by the operator API by its fixed name `tinhso-<tenant>-<name>` (export, import, purge).
 */
export interface TenantOperationDef {
  /** Starts with TENANT_OPERATION_PREFIX: the archive runner may invoke `tinhso-*-tenant-*` and nothing else. */
  name: string;
  /** Entry file exporting `handler(request)`. */
  entry: string;
}

export const TENANT_OPERATION_PREFIX = 'tenant-';

/** Export, import and purge of a tenant's data (functions/platform/archive). */
export { TENANT_OPERATIONS };

/**
 * The metering consumers (functions/platform/metering): stream consumers of tenant tables that run in each tenant's
 * deployment and count billable events into the platform's usage table. They get the tenant's environment.
 */
export { METER_CONSUMERS };

/** Cognito triggers of a tenant's user pool. */
export const USER_POOL_TRIGGERS = {
  postConfirmation: { name: 'signup', entry: 'functions/directory/signup.ts' },
} as const;

/** Every table of a tenant deployment, once each. */
export const TENANT_TABLES: TableDef[] = [...new Map(SERVICES.flatMap((s) => s.tables).map((t) => [t.name, t])).values()];

// The service catalog: the one list of services, read by the CDK app, the local runtime and the OpenAPI route.
// It holds declarations only (routes, tables, entry files): services never import each other's logic.
import type { Routes } from '#shared/http/route';
import { idempotencyTable, type TableDef } from '#shared/table';
import { uploadsTable } from '#shared/uploads';
import { apiRoutes } from './api/routes';
import { directoryRoutes } from './directory/routes';
import { directoryTable } from './directory/tables';
import { dossiersRoutes } from './dossiers/routes';
import { dossiersTable } from './dossiers/tables';
import { uploadsRoutes } from './uploads/routes';

export interface ServiceDef {
  /** Folder under functions/, and the function's name in a stack. */
  name: string;
  routes: Routes;
  /** Tables the service reads and writes; it is granted these and no others. */
  tables: TableDef[];
  /** The HTTP entry point, relative to the repository root. */
  entry: string;
  /** Whether it administers the tenant's user pool (creates officials, sets their groups). */
  userPoolAdmin?: boolean;
  /** Whether it reads and writes the tenant's files bucket (FILES_BUCKET). */
  files?: boolean;
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
  },
];

/** Cognito triggers of a tenant's user pool. */
export const USER_POOL_TRIGGERS = {
  postConfirmation: { name: 'signup', entry: 'functions/directory/signup.ts' },
} as const;

/** Every table of a tenant deployment, once each. */
export const TENANT_TABLES: TableDef[] = [...new Map(SERVICES.flatMap((s) => s.tables).map((t) => [t.name, t])).values()];

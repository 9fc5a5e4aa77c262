// Request and response shapes of the operator API's archive routes (export, import, offboard, and the records they
// leave to poll), and the request the operator API hands the archive runner.
import * as z from 'zod';
import { TenantId } from '#shared/tenant';
import { TenantView } from '../schemas';
import { ExportId } from './format';
import { ArchiveSummary, PurgeResult, Refusal } from './operations';

const Timestamp = z.string().describe('ISO 8601 with the +07:00 offset');

/** An export: `running` from the 202 until the archive runner writes `completed` or `failed`. */
export const ExportView = z.object({
  tenant: z.string(),
  exportId: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  startedAt: Timestamp,
  finishedAt: Timestamp.optional(),
  /** The manifest in the tenant's files bucket; the archive is everything under its folder. */
  manifestKey: z.string().optional(),
  summary: ArchiveSummary.optional(),
  error: z.string().optional(),
});

export const ExportList = z.object({ items: z.array(ExportView) });
export const ListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const ListExportsQuery = ListQuery;

export const ImportTenant = z.strictObject({
  /** An archive already in the tenant's bucket under `<tenant>/exports/<exportId>/` (docs/archive.md). */
  exportId: ExportId,
});

/** An import: `running`, then `completed`, `refused` (nothing written; `refusal` says why) or `failed`. */
export const ImportView = z.object({
  tenant: z.string(),
  importId: z.string(),
  exportId: z.string(),
  status: z.enum(['running', 'completed', 'refused', 'failed']),
  startedAt: Timestamp,
  finishedAt: Timestamp.optional(),
  summary: ArchiveSummary.optional(),
  /** The stream records of this span were the import's, and were left alone by the consumers. */
  importWindow: z.object({ from: Timestamp, to: Timestamp.optional() }).optional(),
  /** What tenant-import refused with: the status and code the synchronous route used to answer. */
  refusal: Refusal.omit({ outcome: true }).optional(),
  error: z.string().optional(),
});
export const ImportList = z.object({ items: z.array(ImportView) });

/** A purge: `running` from the offboarding's 202 until the archive runner writes `completed` or `failed`. */
export const PurgeView = z.object({
  tenant: z.string(),
  purgeId: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  startedAt: Timestamp,
  finishedAt: Timestamp.optional(),
  /** What the purge deleted: items of every table, objects of the bucket (not the archives). */
  purged: PurgeResult.omit({ outcome: true }).optional(),
  /** The archive that was kept. */
  archive: z.object({ exportId: z.string(), manifestKey: z.string() }).optional(),
  error: z.string().optional(),
});

export const OffboardedTenant = TenantView.extend({
  /** The purge of its data, running: poll GET …/purges/{purgeId}. */
  purge: PurgeView,
  /** The archive that is kept. */
  archive: z.object({ exportId: z.string(), manifestKey: z.string() }).optional(),
});

export const ExportParams = z.strictObject({ id: TenantId, exportId: ExportId });
export const ImportParams = z.strictObject({ id: TenantId, importId: ExportId });
export const PurgeParams = z.strictObject({ id: TenantId, purgeId: ExportId });

/** What the operator API hands the archive runner (an asynchronous Lambda invocation): which record to run. */
export const RunRequest = z.strictObject({
  operation: z.enum(['export', 'import', 'purge']),
  tenant: TenantId,
  /** The record's id: exportId, importId or purgeId. */
  id: ExportId,
});
export type RunRequest = z.infer<typeof RunRequest>;

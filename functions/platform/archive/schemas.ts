// Request and response shapes of the operator API's archive routes: export, list of exports, import, offboard.
import * as z from 'zod';
import { TenantView } from '../schemas';
import { ExportId } from './format';
import { ArchiveSummary } from './operations';

const Timestamp = z.string().describe('ISO 8601 with the +07:00 offset');

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
export const ListExportsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const ImportTenant = z.strictObject({
  /** An archive already in the tenant's bucket under `<tenant>/exports/<exportId>/` (docs/archive.md). */
  exportId: ExportId,
});

export const ImportView = z.object({
  exportId: z.string(),
  summary: ArchiveSummary,
  /** The stream records of this span were the import's, and were left alone by the consumers. */
  importWindow: z.object({ from: Timestamp, to: Timestamp.optional() }),
});

export const OffboardedTenant = TenantView.extend({
  /** What the purge deleted: items of every table, objects of the bucket (not the archives). */
  purged: z.object({ items: z.number().int(), objects: z.number().int() }),
  /** The archive that was kept. */
  archive: z.object({ exportId: z.string(), manifestKey: z.string() }).optional(),
});

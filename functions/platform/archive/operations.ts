// What the operator API and the tenant operations (tenant-export, tenant-import, tenant-purge) say to each other
// through Lambda's Invoke: a JSON request, a JSON answer. A refusal is an answer, not an error, so that the operator
// API can turn it into a 4xx with its code; a thrown error is a failure (5xx, and the operator retries).
import * as z from 'zod';
import { ExportId } from './format';

const TenantId = z.string().min(2).max(40);

export const ArchiveSummary = z.object({
  exportId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Items per table. */
  items: z.record(z.string(), z.number().int()),
  objects: z.number().int(),
  /** Accounts of the user pool in the archive (absent in the records of exports made before the pool was archived). */
  users: z.number().int().optional(),
  /**
   * An import's: the archive's accounts created in the pool, and those it already held (same email), mapped to their
   * existing id. Either way the old ids in the data were rewritten to the pool's.
   */
  accounts: z.object({ created: z.number().int(), existing: z.number().int() }).optional(),
  /** Bytes of every file of the archive but its manifest. */
  bytes: z.number().int(),
});

export const ExportRequest = z.object({ tenant: TenantId, exportId: ExportId });
export type ExportRequest = z.infer<typeof ExportRequest>;
export const ExportResult = z.object({ outcome: z.literal('exported'), manifestKey: z.string(), summary: ArchiveSummary });
export type ExportResult = z.infer<typeof ExportResult>;

export const ImportRequest = z.object({ tenant: TenantId, exportId: ExportId });
export type ImportRequest = z.infer<typeof ImportRequest>;

export const Refusal = z.object({
  outcome: z.literal('refused'),
  status: z.number().int().min(400).max(499),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  details: z.unknown().optional(),
});
export type Refusal = z.infer<typeof Refusal>;

export const ImportResult = z.discriminatedUnion('outcome', [z.object({ outcome: z.literal('imported'), summary: ArchiveSummary }), Refusal]);
export type ImportResult = z.infer<typeof ImportResult>;

export const PurgeRequest = z.object({ tenant: TenantId });
export type PurgeRequest = z.infer<typeof PurgeRequest>;
export const PurgeResult = z.object({
  outcome: z.literal('purged'),
  items: z.number().int(),
  objects: z.number().int(),
  /** Accounts of the tenant deleted from its user pool (absent in the records of purges made before they were). */
  users: z.number().int().optional(),
});
export type PurgeResult = z.infer<typeof PurgeResult>;

/** A tenant operation asked for a tenant its deployment does not serve: a programming or wiring error, never data. */
export class WrongDeploymentError extends Error {
  override name = 'WrongDeploymentError';
}

// The archive's format (docs/archive.md), without AWS clients: where each file goes under
// `<tenant>/exports/<exportId>/`, how an item is written as a line (DynamoDB JSON, binary as base64, so that numbers
// keep their digits and sets stay sets), and the manifest that lists every file with its size and SHA-256.
import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';

export const ARCHIVE_FORMAT = 'tinhso-archive/1';

/** Time-sortable, so that the newest export of a tenant is the last of its `EXPORT#` items: `20261124T163300123Z-1a2b3c`. */
export function newExportId(now: Date, random: string): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${random}`;
}
export const ExportId = z.string().regex(/^\d{8}T\d{9}Z-[0-9a-f]{6}$/, 'an export id such as 20261124T163300123Z-1a2b3c');

export const exportsPrefix = (tenant: string) => `${tenant}/exports/`;
export const archivePrefix = (tenant: string, exportId: string) => `${exportsPrefix(tenant)}${exportId}/`;
export const manifestKey = (tenant: string, exportId: string) => `${archivePrefix(tenant, exportId)}manifest.json`;
/** Paths inside the archive, relative to its prefix. */
export const tableFile = (table: string) => `tables/${table}.jsonl`;
export const objectFile = (key: string) => `objects/${key}`;

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const FileEntry = z.object({
  /** Relative to the archive's prefix. */
  file: z.string().min(1),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const Manifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  tenant: z.string(),
  exportId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** One file per table (its TableDef name), with the number of items it holds. */
  tables: z.array(FileEntry.extend({ table: z.string(), items: z.number().int().min(0) })),
  /** One file per object of the bucket, with its original key and what S3 served with it. */
  objects: z.array(FileEntry.extend({ key: z.string(), contentType: z.string().optional(), metadata: z.record(z.string(), z.string()).optional() })),
  /**
   * The user pool's accounts (`cognito/users.jsonl`, functions/platform/archive/users.ts), with their number. Absent
   * from archives made before the pool was archived: those restore no account.
   */
  users: FileEntry.extend({ users: z.number().int().min(0) }).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

/** What the operator reads of an archive: counts and totals, not the file list. */
export function summaryOf(manifest: Manifest) {
  return {
    exportId: manifest.exportId,
    startedAt: manifest.startedAt,
    finishedAt: manifest.finishedAt,
    items: Object.fromEntries(manifest.tables.map((t) => [t.table, t.items])),
    objects: manifest.objects.length,
    users: manifest.users?.users ?? 0,
    bytes: [...manifest.tables, ...manifest.objects, ...(manifest.users ? [manifest.users] : [])].reduce((sum, f) => sum + f.size, 0),
  };
}
export type ArchiveSummary = ReturnType<typeof summaryOf>;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** An attribute value as JSON: DynamoDB's own typed form, with binaries (B, BS) as base64. */
export function attributeToJson(value: AttributeValue): Json {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, attributeToJson(v)])) };
  if (value.L !== undefined) return { L: value.L.map(attributeToJson) };
  const [type, inner] = Object.entries(value).find(([, v]) => v !== undefined) ?? [];
  if (!type) throw new Error('empty attribute value');
  return { [type]: inner as Json };
}

export function attributeFromJson(json: unknown): AttributeValue {
  const value = json as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 1) throw new Error('not a DynamoDB JSON attribute');
  const [[type, inner]] = Object.entries(value) as [[string, unknown]];
  switch (type) {
    case 'S': return { S: String(inner) };
    case 'N': return { N: String(inner) };
    case 'BOOL': return { BOOL: inner === true };
    case 'NULL': return { NULL: true };
    case 'SS': return { SS: (inner as unknown[]).map(String) };
    case 'NS': return { NS: (inner as unknown[]).map(String) };
    case 'B': return { B: fromBase64(String(inner)) };
    case 'BS': return { BS: (inner as unknown[]).map((b) => fromBase64(String(b))) };
    case 'M': return { M: Object.fromEntries(Object.entries(inner as Record<string, unknown>).map(([k, v]) => [k, attributeFromJson(v)])) };
    case 'L': return { L: (inner as unknown[]).map(attributeFromJson) };
    default: throw new Error(`unknown attribute type ${type}`);
  }
}

export type Item = Record<string, AttributeValue>;

export const itemToLine = (item: Item) => JSON.stringify(Object.fromEntries(Object.entries(item).map(([k, v]) => [k, attributeToJson(v)])));

export function itemFromLine(line: string): Item {
  const parsed = JSON.parse(line) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, attributeFromJson(v)]));
}

/** The lines of a JSON Lines file (the last line ends with a newline; an empty table is an empty file). */
export const linesOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes).split('\n').filter((l) => l.length > 0);

// Typed calls of the documents service (functions/documents/routes.ts) and the directory lookups the pages need.
import { get, newKey, patch, post } from '../core/api';
import type { Session } from '../core/auth';

export type OutgoingStatus = 'draft' | 'approved' | 'issued' | 'recalled';
export type ExchangeCode = '01' | '02' | '03' | '04' | '05' | '06' | '13' | '14' | '16';
export type TraceState = ExchangeCode | 'pending' | 'failed';
export type Verdict = 'valid' | 'modified' | 'untrusted' | 'expired' | 'invalid';

export interface Signer { name: string; position: string; authority?: string; onBehalfOf?: string }
export interface UnitRef { code: string; name: string; abbr: string }
export interface Actor { id: string; name?: string; unit?: string }
export interface HistoryEntry { at: string; action: string; by: Actor; details?: Record<string, unknown> }

export interface SignatureVerdict {
  verdict: Verdict; signer?: string; subject?: string; serialNumber?: string; issuer?: string; signingTime?: string;
  coversWholeFile: boolean; chainTrusted: boolean; reasons: string[];
}
export interface SignatureReport { signed: boolean; signatures: SignatureVerdict[]; checkedAt: string }
export interface DocumentFile { uploadId?: string; fileName: string; contentType: string; size: number; sha256: string; signatures?: SignatureReport }
/** A file's id in the download routes: its upload; a file received from outside the province has none, so its SHA-256. */
export const fileIdOf = (file: DocumentFile): string => file.uploadId ?? file.sha256;
/** Where to GET a file (a presigned URL, for 5 minutes), and what it is. */
export interface FileLink { url: string; expiresAt: string; fileName: string; sha256: string }

export interface Recipient { agency: string; copy: 'main' | 'info' }

export interface OutgoingDocument {
  id: string; kind: 'outgoing'; version: number; status: OutgoingStatus;
  type: string; typeName: string; subject: string; draftingUnit: UnitRef; issuingUnit: UnitRef; signer: Signer;
  urgency: string; confidentiality: string; recipients: Recipient[]; replyBy?: string;
  mainFile: DocumentFile; annexes: DocumentFile[]; signedFile?: DocumentFile;
  number?: number; numberSymbol?: string; issuedAt?: string;
  revisions: { business: string; reason: string; at: string; by: Actor }[];
  createdAt: string; updatedAt: string; history: HistoryEntry[];
}

export interface TraceEntry { code: ExchangeCode | 'failed'; label: string; at: string; unit?: string; staff?: string; description?: string; id: string }
export interface RecipientTrace {
  agency: string; name?: string; copy: 'main' | 'info'; route: 'local' | 'hub'; state: TraceState; label: string;
  sentAt?: string; updatedAt: string; history: TraceEntry[];
}
export interface Trace { id: string; numberSymbol?: string; recipients: RecipientTrace[] }

export interface Assignment { unit?: string; userId?: string; deadline?: string; note?: string; by: Actor; at: string }
export interface Revision { business: 'recall' | 'update' | 'replace'; reason: string; at: string; by: Actor; subject?: string; replyBy?: string }

export interface IncomingDocument {
  id: string; kind: 'incoming'; version: number; status: ExchangeCode; statusLabel: string; unit: string;
  from: { agency: string; name: string; tenant?: string }; documentId: string; numberSymbol: string; issuedAt: string;
  type: string; typeName: string; subject: string; signer: Signer; urgency: string; confidentiality: string;
  replyBy?: string; copy: 'main' | 'info'; files: DocumentFile[]; arrivedAt: string; arrivalNumber?: number; registeredAt?: string;
  assignment?: Assignment; pendingRevision?: Revision; recalled?: boolean; replacedBy?: string;
  source: { route: 'local' | 'hub' | 'import' }; updatedAt: string; history: HistoryEntry[];
}

export interface ListRow {
  id: string; kind: 'outgoing' | 'incoming'; status: string; type: string; subject: string; urgency: string;
  numberSymbol?: string; issuedAt?: string; arrivedAt?: string; arrivalNumber?: number; from?: { agency: string; name: string };
  assignment?: Assignment; updatedAt?: string;
}
export interface Page<T> { items: T[]; cursor?: string }

export interface SearchHit { id: string; kind: 'outgoing' | 'incoming'; numberSymbol: string; type: string; subject: string; agency: string; agencyName: string; date: string }

export interface Task { id: string; subject: string; numberSymbol: string; deadline: string; state: 'open' | 'due-soon' | 'overdue'; assignment: Assignment; status: string }
export interface Tasks { open: Task[]; dueSoon: Task[]; overdue: Task[]; today: string }

export interface Unit { code: string; name: string; shortName?: string; level: string; parentCode?: string; active: boolean }
export interface Official { id: string; name: string; email: string; unit: string; roles: string[] }
export interface Me { id: string; unit?: string; roles: string[] }

export interface DraftInput {
  type: string; subject: string; draftingUnit: string; signer: Signer; urgency: string; confidentiality: string;
  recipients: Recipient[]; replyBy?: string; mainUploadId: string; annexUploadIds: string[];
}

export type IncomingActionInput =
  | { action: 'register'; note?: string }
  | { action: 'refuse'; reason: string }
  | { action: 'assign'; unit?: string; userId?: string; deadline?: string; note?: string }
  | { action: 'start'; note?: string }
  | { action: 'complete'; note?: string };

const base = (tenant: string) => `/v1/${encodeURIComponent(tenant)}`;

export const documentsApi = (tenant: string) => ({
  outbox: (unit: string, cursor?: string) => get<Page<ListRow>>(`${base(tenant)}/documents`, { unit, cursor, limit: 50 }),
  inbox: (unit: string, cursor?: string) => get<Page<ListRow>>(`${base(tenant)}/incoming`, { unit, cursor, limit: 50 }),
  document: (id: string) => get<OutgoingDocument>(`${base(tenant)}/documents/${id}`),
  /** GET …/documents/{id}/files/{fileId} (docs/documents.md, "Downloading a document's files"). */
  documentFile: (id: string, file: DocumentFile) => get<FileLink>(`${base(tenant)}/documents/${id}/files/${encodeURIComponent(fileIdOf(file))}`),
  trace: (id: string) => get<Trace>(`${base(tenant)}/documents/${id}/trace`),
  incoming: (id: string) => get<IncomingDocument>(`${base(tenant)}/incoming/${id}`),
  create: (input: DraftInput, key: string) => post<OutgoingDocument>(`${base(tenant)}/documents`, input, { idempotencyKey: key }),
  update: (id: string, input: Omit<Partial<DraftInput>, 'draftingUnit'> & { version: number }) => patch<OutgoingDocument>(`${base(tenant)}/documents/${id}`, input),
  approve: (id: string, version: number, signedUploadId: string, note?: string) =>
    post<OutgoingDocument>(`${base(tenant)}/documents/${id}/approve`, { version, signedUploadId, ...(note ? { note } : {}) }),
  issue: (id: string, version: number) => post<OutgoingDocument>(`${base(tenant)}/documents/${id}/issue`, { version }),
  recall: (id: string, version: number, reason: string) => post<OutgoingDocument>(`${base(tenant)}/documents/${id}/revisions`, { business: 'recall', version, reason }),
  /** GET …/incoming/{id}/files/{fileId}. */
  incomingFile: (id: string, file: DocumentFile) => get<FileLink>(`${base(tenant)}/incoming/${id}/files/${encodeURIComponent(fileIdOf(file))}`),
  act: (id: string, version: number, input: IncomingActionInput) => post<IncomingDocument>(`${base(tenant)}/incoming/${id}/actions`, { ...input, version }),
  answerRevision: (id: string, version: number, agree: boolean, note?: string) =>
    post<IncomingDocument>(`${base(tenant)}/incoming/${id}/revision-answer`, { version, agree, ...(note ? { note } : {}) }),
  search: (query: Record<string, string | undefined>) => get<Page<SearchHit>>(`${base(tenant)}/documents/search`, { ...query, limit: 50 }),
  tasks: (scope: 'unit' | 'mine' | 'assigned-by-me', unit?: string) => get<Tasks>(`${base(tenant)}/tasks`, { scope, unit: scope === 'unit' ? unit : undefined }),
  units: () => get<Page<Unit>>(`${base(tenant)}/units`, { limit: 100 }).then((p) => p.items),
  officials: (unit: string) => get<Page<Official>>(`${base(tenant)}/users`, { unit, limit: 100 }).then((p) => p.items),
  me: () => get<Me>(`${base(tenant)}/me`),
});

export { newKey };

/**
 * The units a user acts for, as the API decides (functions/documents/access.ts): their own; the clerks and leaders of
 * a Văn phòng (short name VP) also keep the records of the body it serves; tenant-admins act for every unit.
 */
export function actingUnits(user: Session | undefined, units: Unit[]): Unit[] {
  if (!user) return [];
  if (user.roles.includes('tenant-admin')) return units;
  const own = units.find((u) => u.code === user.unit);
  if (!own) return [];
  const parent = own.shortName === 'VP' && own.parentCode ? units.find((u) => u.code === own.parentCode) : undefined;
  return parent ? [parent, own] : [own];
}

/** Where the user's boxes open: the body a Văn phòng serves (documents are sent to and from it), else their own unit. */
export function defaultUnit(user: Session | undefined, units: Unit[]): string {
  if (user?.roles.includes('tenant-admin')) return user.unit ?? units[0]?.code ?? '';
  return actingUnits(user, units)[0]?.code ?? user?.unit ?? '';
}

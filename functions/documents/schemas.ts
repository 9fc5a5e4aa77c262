// Request and response shapes of official documents (văn bản đi, văn bản đến).
import * as z from 'zod';
import { AgencyCode } from '#shared/agency';
import { AUTHORITIES, CONFIDENTIALITY_IDS, DOCUMENT_TYPE_IDS, URGENCY_IDS } from './catalog';
import { EXCHANGE_STATUSES, INCOMING_ACTIONS } from './status';

const Timestamp = z.string().describe('ISO 8601 with the +07:00 offset');
const DateOnly = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);
const UploadId = z.uuid();
const Version = z.number().int().positive();

export const TenantParams = z.object({ tenant: z.string() });
export const DocumentParams = z.object({ tenant: z.string(), id: z.uuid() });
/**
 * A file of a document: its `uploadId`, or, for a file received from outside the province (which has none), its
 * `sha256` (the hex SHA-256 of its bytes).
 */
export const FileId = z.union([z.uuid(), z.string().regex(/^[0-9a-f]{64}$/)])
  .describe('the file\'s uploadId; for a file received through the hub or by import, which has none, its sha256');
export const DocumentFileParams = DocumentParams.extend({ fileId: FileId });

export const FileLink = z.object({
  url: z.string().describe('GET the file here until expiresAt (presigned, 5 minutes); ask again for a new URL'),
  expiresAt: Timestamp,
  fileName: z.string().describe('the name a browser saves it under'),
  sha256: z.string().describe('hex SHA-256 of the file\'s bytes, as verified when it was attached or received'),
});
export type FileLink = z.infer<typeof FileLink>;

export const Signer = z.strictObject({
  name: Text(200),
  position: Text(200),
  authority: z.enum(AUTHORITIES).optional().describe('TM. / KT. / Q. / TL. / TUQ. before the position'),
  /** Whom the authority is exercised for, e.g. `ỦY BAN NHÂN DÂN` after TM. */
  onBehalfOf: Text(200).optional(),
});

export const Recipient = z.strictObject({
  agency: AgencyCode,
  /** `main`: to act on (nơi nhận); `info`: for information (để biết). */
  copy: z.enum(['main', 'info']).default('main'),
});

export const CreateDocument = z.strictObject({
  type: z.enum(DOCUMENT_TYPE_IDS),
  subject: Text(1000).describe('trích yếu'),
  draftingUnit: AgencyCode,
  /** The body that promulgates it; the drafting unit's parent unless said (a department drafts for the People's Committee). */
  issuingUnit: AgencyCode.optional(),
  signer: Signer,
  urgency: z.enum(URGENCY_IDS).default('thuong'),
  confidentiality: z.enum(CONFIDENTIALITY_IDS).default('thuong'),
  recipients: z.array(Recipient).min(1).max(500),
  replyBy: DateOnly.optional(),
  mainUploadId: UploadId,
  annexUploadIds: z.array(UploadId).max(20).default([]),
});
export type CreateDocument = z.infer<typeof CreateDocument>;

export const UpdateDraft = CreateDocument.omit({ draftingUnit: true }).partial().extend({ version: Version });
export type UpdateDraft = z.infer<typeof UpdateDraft>;

export const Approve = z.strictObject({ version: Version, signedUploadId: UploadId, note: Text(2000).optional() });
export const Issue = z.strictObject({ version: Version });

export const Revise = z.discriminatedUnion('business', [
  z.strictObject({ business: z.literal('recall'), version: Version, reason: Text(2000) }),
  z.strictObject({ business: z.literal('update'), version: Version, reason: Text(2000), subject: Text(1000).optional(), replyBy: DateOnly.optional() }),
  z.strictObject({ business: z.literal('replace'), version: Version, reason: Text(2000), replacementId: z.uuid() }),
]);
export type Revise = z.infer<typeof Revise>;

export const SignatureVerdict = z.object({
  verdict: z.enum(['valid', 'modified', 'untrusted', 'expired', 'invalid']),
  signer: z.string().optional(), subject: z.string().optional(), serialNumber: z.string().optional(), issuer: z.string().optional(),
  signingTime: z.string().optional(), coversWholeFile: z.boolean(), chainTrusted: z.boolean(), reasons: z.array(z.string()),
});
export const SignatureReport = z.object({
  signed: z.boolean(), signatures: z.array(SignatureVerdict), checkedAt: z.string(),
  /** The id of the trusted-CA list the chains were checked against: reading the document checks again under a new list. */
  trustList: z.string().optional(),
});

export const DocumentFile = z.object({
  uploadId: z.string().optional(), key: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string(),
  versionId: z.string().optional(),
  signatures: SignatureReport.optional(),
});
export type DocumentFile = z.infer<typeof DocumentFile>;

export const UnitRef = z.object({ code: z.string(), name: z.string(), abbr: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

const Actor = z.object({ id: z.string(), name: z.string().optional(), unit: z.string().optional() });
export const HistoryEntry = z.object({ at: Timestamp, action: z.string(), by: Actor, details: z.record(z.string(), z.unknown()).optional() });

export const RevisionEntry = z.object({
  business: z.enum(['recall', 'update', 'replace']), reason: z.string(), at: Timestamp, by: Actor,
  subject: z.string().optional(), replyBy: z.string().optional(), replacement: z.object({ id: z.string(), documentId: z.string() }).optional(),
});
export type RevisionEntry = z.infer<typeof RevisionEntry>;

export const OutgoingDocument = z.object({
  id: z.string(), kind: z.literal('outgoing'), version: z.number(),
  status: z.enum(['draft', 'approved', 'issued', 'recalled']),
  type: z.enum(DOCUMENT_TYPE_IDS), typeName: z.string(), subject: z.string(),
  draftingUnit: UnitRef, issuingUnit: UnitRef, signer: Signer,
  urgency: z.enum(URGENCY_IDS), confidentiality: z.enum(CONFIDENTIALITY_IDS),
  recipients: z.array(z.object({ agency: z.string(), copy: z.enum(['main', 'info']) })),
  replyBy: z.string().optional(),
  mainFile: DocumentFile, annexes: z.array(DocumentFile), signedFile: DocumentFile.optional(),
  number: z.number().optional(), symbol: z.string().optional(), numberSymbol: z.string().optional(),
  series: z.string().optional(), year: z.number().optional(), issuedAt: Timestamp.optional(), documentId: z.string().optional(),
  revisions: z.array(RevisionEntry),
  createdAt: Timestamp, createdBy: z.string(), updatedAt: Timestamp,
  history: z.array(HistoryEntry),
});
export type OutgoingDocument = z.infer<typeof OutgoingDocument>;

const StatusCode = z.enum(Object.keys(EXCHANGE_STATUSES) as [keyof typeof EXCHANGE_STATUSES, ...(keyof typeof EXCHANGE_STATUSES)[]]);

export const TraceEntry = z.object({
  code: z.union([StatusCode, z.literal('failed')]), label: z.string(), at: Timestamp,
  unit: z.string().optional(), staff: z.string().optional(), description: z.string().optional(), id: z.string(),
});
export type TraceEntry = z.infer<typeof TraceEntry>;

export const RecipientTrace = z.object({
  agency: z.string(), name: z.string().optional(), copy: z.enum(['main', 'info']), route: z.enum(['local', 'hub']),
  state: z.union([StatusCode, z.literal('pending'), z.literal('failed')]), label: z.string(),
  sentAt: Timestamp.optional(), updatedAt: Timestamp, history: z.array(TraceEntry),
  /** Hub recipients: how many stages (the document, then each revision) went to the hub. */
  sentStages: z.number().optional(),
});
export type RecipientTrace = z.infer<typeof RecipientTrace>;
export const Trace = z.object({ id: z.string(), numberSymbol: z.string().optional(), recipients: z.array(RecipientTrace) });

export const Assignment = z.object({
  unit: z.string().optional(), userId: z.string().optional(), deadline: DateOnly.optional(), note: z.string().optional(),
  by: Actor, at: Timestamp,
});

export const IncomingDocument = z.object({
  id: z.string(), kind: z.literal('incoming'), version: z.number(),
  status: StatusCode, statusLabel: z.string(),
  unit: z.string().describe('the receiving unit'),
  from: z.object({ agency: z.string(), name: z.string(), tenant: z.string().optional() }),
  documentId: z.string(), numberSymbol: z.string(), issuedAt: z.string(),
  type: z.string(), typeName: z.string(), subject: z.string(), signer: z.object({ name: z.string(), position: z.string(), authority: z.string().optional() }),
  urgency: z.enum(URGENCY_IDS), confidentiality: z.enum(CONFIDENTIALITY_IDS), replyBy: z.string().optional(), copy: z.enum(['main', 'info']),
  files: z.array(DocumentFile),
  arrivedAt: Timestamp, arrivalNumber: z.number().optional(), registeredAt: Timestamp.optional(), year: z.number().optional(),
  assignment: Assignment.optional(),
  pendingRevision: RevisionEntry.optional(), revisions: z.array(RevisionEntry.extend({ answer: z.enum(['14', '16']).optional() })),
  recalled: z.boolean().optional(), replacedBy: z.string().optional(),
  source: z.object({ route: z.enum(['local', 'hub', 'import']), tenant: z.string().optional(), documentRef: z.string().optional(), envelopeId: z.string().optional() }),
  updatedAt: Timestamp,
  history: z.array(HistoryEntry),
});
export type IncomingDocument = z.infer<typeof IncomingDocument>;

export const IncomingAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('register'), version: Version, note: Text(2000).optional() }),
  z.strictObject({ action: z.literal('refuse'), version: Version, reason: Text(2000) }),
  z.strictObject({
    action: z.literal('assign'), version: Version, unit: AgencyCode.optional(), userId: z.string().min(1).max(100).optional(),
    deadline: DateOnly.optional(), note: Text(2000).optional(),
  }).refine((a) => a.unit || a.userId, { message: 'unit hoặc userId: giao cho đơn vị hoặc cán bộ (assign to a unit or an official)', path: ['unit'] }),
  z.strictObject({ action: z.literal('start'), version: Version, note: Text(2000).optional() }),
  z.strictObject({ action: z.literal('complete'), version: Version, note: Text(2000).optional() }),
]);
export type IncomingAction = z.infer<typeof IncomingAction>;
export const INCOMING_ACTION_NAMES = INCOMING_ACTIONS;

export const RevisionAnswer = z.strictObject({ version: Version, agree: z.boolean(), note: Text(2000).optional() });

export const BoxQuery = z.object({
  unit: AgencyCode.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

export const ListRow = z.object({
  id: z.string(), kind: z.enum(['outgoing', 'incoming']), status: z.string(), type: z.string(), subject: z.string(),
  urgency: z.string(), numberSymbol: z.string().optional(), issuedAt: z.string().optional(), arrivedAt: z.string().optional(),
  arrivalNumber: z.number().optional(), from: z.object({ agency: z.string(), name: z.string() }).optional(),
  assignment: Assignment.optional(), updatedAt: z.string().optional(),
});
export type ListRow = z.infer<typeof ListRow>;
export const Page = z.object({ items: z.array(ListRow), cursor: z.string().optional() });

export const SearchQuery = z.object({
  numberSymbol: z.string().trim().min(1).max(100).optional(),
  type: z.enum(DOCUMENT_TYPE_IDS).optional(),
  agency: AgencyCode.optional().describe('the issuing agency'),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  q: z.string().trim().min(1).max(200).optional().describe('words of the subject, any case, with or without diacritics'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
export const SearchHit = z.object({
  id: z.string(), kind: z.enum(['outgoing', 'incoming']), numberSymbol: z.string(), type: z.string(), subject: z.string(),
  agency: z.string(), agencyName: z.string(), date: z.string(),
});
export const SearchPage = z.object({ items: z.array(SearchHit), cursor: z.string().optional() });

export const RegisterParams = z.object({ tenant: z.string(), unit: AgencyCode, register: z.enum(['outgoing', 'incoming']), year: z.coerce.number().int().min(2000).max(2100) });
export const RegisterQuery = z.object({ confidential: z.enum(['true', 'false']).default('false'), format: z.enum(['json', 'csv', 'html']).default('json') });

export const TasksQuery = z.object({ scope: z.enum(['unit', 'mine', 'assigned-by-me']).default('unit'), unit: AgencyCode.optional() });
export const Task = z.object({
  id: z.string(), subject: z.string(), numberSymbol: z.string(), deadline: z.string(), state: z.enum(['open', 'due-soon', 'overdue']),
  assignment: Assignment, status: z.string(),
});
export const Tasks = z.object({ open: z.array(Task), dueSoon: z.array(Task), overdue: z.array(Task), today: DateOnly });

export const TrustedCa = z.object({ fingerprint: z.string(), subject: z.string(), validTo: z.string(), pem: z.string() });
export const TrustedCas = z.object({ items: z.array(TrustedCa) });
export const PutTrustedCas = z.strictObject({ pems: z.array(z.string().min(100).max(20_000)).max(50) });

export const ImportResult = z.object({ kind: z.enum(['document', 'status']), id: z.string(), unit: z.string().optional() });

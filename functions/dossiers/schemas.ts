// Request and response shapes of dossiers (hồ sơ).
import * as z from 'zod';
import { AgencyCode } from '#shared/agency';
import { ProcedureCode } from './procedures/schemas';
import { CccdNumber, VietnamPhone } from './form';
import { DOSSIER_CODE_PATTERN } from './code';
import { ACTIONS } from './workflow';

const Timestamp = z.string().describe('ISO 8601 with the +07:00 offset');
const Note = z.string().trim().min(1).max(2000);
const UploadId = z.uuid();

export const DossierCode = z.string().regex(DOSSIER_CODE_PATTERN, { message: 'mã hồ sơ có dạng 000.00.00.H41-250815-0001 (a dossier code)' });

export const Applicant = z.strictObject({
  fullName: z.string().trim().min(2).max(200),
  idNumber: CccdNumber,
  phone: VietnamPhone,
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)).optional(),
  address: z.string().trim().min(5).max(500),
});

export const AttachedDocument = z.strictObject({ requirementId: z.string().min(1).max(40), uploadId: UploadId });

export const SubmitDossier = z.strictObject({
  procedureCode: ProcedureCode,
  applicant: Applicant,
  form: z.record(z.string(), z.unknown()).default({}),
  documents: z.array(AttachedDocument).max(50).default([]),
  /** 2 online (citizens); a clerk receiving at the desk: 1 in person (default) or 3 by post. */
  channel: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
});
export type SubmitDossier = z.infer<typeof SubmitDossier>;

const base = { version: z.number().int().positive(), note: Note.optional() };
export const DossierAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), ...base }),
  z.strictObject({ action: z.literal('refuse'), ...base, reason: Note }),
  z.strictObject({ action: z.literal('start'), ...base }),
  z.strictObject({ action: z.literal('request-supplement'), ...base, missing: z.array(z.string().trim().min(1).max(300)).min(1).max(30) }),
  z.strictObject({ action: z.literal('supplement'), ...base, documents: z.array(AttachedDocument).min(1).max(50) }),
  z.strictObject({ action: z.literal('request-payment'), ...base, amount: z.number().int().positive().max(10_000_000_000) }),
  z.strictObject({ action: z.literal('confirm-payment'), ...base, receiptNo: z.string().trim().max(100).optional() }),
  z.strictObject({ action: z.literal('forward'), ...base, toUnit: AgencyCode, toUser: z.uuid().optional() }),
  z.strictObject({ action: z.literal('decide'), ...base, resultUploadId: UploadId, summary: Note.optional() }),
  z.strictObject({ action: z.literal('return'), ...base }),
  z.strictObject({ action: z.literal('withdraw'), ...base, reason: Note.optional() }),
  z.strictObject({ action: z.literal('stop'), ...base, reason: Note }),
  z.strictObject({ action: z.literal('extend'), ...base, newDueAt: z.iso.datetime({ offset: true }), reason: Note }),
]);
export type DossierAction = z.infer<typeof DossierAction>;

const Status = z.object({ code: z.number().int(), label: z.string(), labelEn: z.string() });

export const StoredFile = z.object({
  uploadId: z.string(), key: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string(),
  /** The verified S3 object version: the one to read, whatever is written to the key later. */
  versionId: z.string().optional(),
});

export const HistoryEntry = z.object({
  at: Timestamp,
  action: z.enum(['submit', ...ACTIONS]),
  from: z.number().int().optional(),
  to: z.number().int(),
  by: z.object({ id: z.string(), name: z.string().optional(), unit: z.string().optional(), role: z.string() }),
  note: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  files: z.array(StoredFile).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Dossier = z.object({
  code: z.string(),
  version: z.number().int(),
  status: Status,
  channel: z.number().int(),
  procedure: z.object({ code: z.string(), version: z.number().int(), name: z.string(), field: z.string(), processingDays: z.number().nullable() }),
  applicant: z.object({ fullName: z.string(), idNumber: z.string(), phone: z.string(), email: z.string().optional(), address: z.string() }),
  applicantUserId: z.string().optional(),
  form: z.record(z.string(), z.unknown()),
  documents: z.array(StoredFile.extend({ requirementId: z.string() })),
  receivingUnit: z.string(),
  currentUnit: z.string(),
  currentUser: z.string().optional(),
  submittedAt: Timestamp,
  submittedBy: z.string(),
  acceptedAt: Timestamp.optional(),
  dueAt: Timestamp.optional(),
  originalDueAt: Timestamp.optional(),
  pauses: z.array(z.object({ from: Timestamp, to: Timestamp.optional() })),
  supplementRequests: z.number().int(),
  missing: z.array(z.string()).optional(),
  payment: z.object({ amount: z.number(), requestedAt: Timestamp, confirmedAt: Timestamp.optional(), receiptNo: z.string().optional() }).optional(),
  extension: z.object({ newDueAt: Timestamp, reason: z.string(), at: Timestamp }).optional(),
  result: StoredFile.extend({ summary: z.string().optional() }).optional(),
  finishedAt: Timestamp.optional(),
  rating: z.object({ score: z.string(), comment: z.string().optional(), at: Timestamp }).optional(),
  history: z.array(HistoryEntry),
});
export type Dossier = z.infer<typeof Dossier>;

/** What the caller may do next: the web app shows exactly these. */
export const DossierView = Dossier.extend({ allowedActions: z.array(z.string()) });

export const PublicDossier = z.object({
  code: z.string(),
  status: Status,
  procedure: z.object({ code: z.string(), name: z.string() }),
  submittedAt: Timestamp,
  acceptedAt: Timestamp.optional(),
  dueAt: Timestamp.optional(),
  finishedAt: Timestamp.optional(),
});
export type PublicDossier = z.infer<typeof PublicDossier>;

export const DossierSummary = PublicDossier.extend({
  channel: z.number().int(),
  applicantName: z.string(),
  currentUnit: z.string(),
  overdue: z.boolean(),
});
export type DossierSummary = z.infer<typeof DossierSummary>;

/** A dossier as the list indexes carry it (tables.ts DOSSIER_LIST_ATTRIBUTES). */
export const DossierListRow = Dossier.pick({
  code: true, status: true, procedure: true, channel: true, currentUnit: true, submittedAt: true, acceptedAt: true, dueAt: true, finishedAt: true,
}).extend({ applicantName: z.string() });
export type DossierListRow = z.infer<typeof DossierListRow>;

export const DossierParams = z.strictObject({ tenant: z.string(), code: DossierCode });
export const TenantParams = z.strictObject({ tenant: z.string() });
export const PublicLookupQuery = z.strictObject({ phone: VietnamPhone });

export const InboxQuery = z.strictObject({
  unit: AgencyCode.optional(),
  status: z.coerce.number().int().min(1).max(10).optional(),
  due: z.enum(['overdue', 'today', 'week']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(1024).optional(),
});
export const MyDossiersQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(1024).optional() });
export const DossierPage = z.object({ items: z.array(DossierSummary), cursor: z.string().optional() });

export const RATING_SCORES = ['very-satisfied', 'satisfied', 'unsatisfied'] as const;
export const Rating = z.strictObject({ score: z.enum(RATING_SCORES), comment: z.string().trim().max(2000).optional() });

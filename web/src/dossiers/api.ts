// The dossiers API as these pages call it (functions/dossiers/routes.ts and schemas.ts), typed by hand: the web
// bundle imports nothing from the server's code.
import { get, post } from '../core/api';

export type ActionName =
  | 'accept' | 'refuse' | 'start' | 'request-supplement' | 'supplement' | 'request-payment' | 'confirm-payment'
  | 'forward' | 'decide' | 'return' | 'withdraw' | 'stop' | 'extend';

export interface Status { code: number; label: string; labelEn: string }

export interface DossierSummary {
  code: string;
  status: Status;
  procedure: { code: string; name: string };
  submittedAt: string;
  acceptedAt?: string;
  dueAt?: string;
  finishedAt?: string;
  channel: number;
  applicantName: string;
  currentUnit: string;
  overdue: boolean;
}

export interface DossierPage { items: DossierSummary[]; cursor?: string }

export interface StoredFile { uploadId: string; key: string; fileName: string; contentType: string; size: number; sha256: string }

export interface HistoryEntry {
  at: string;
  action: ActionName | 'submit';
  from?: number;
  to: number;
  by: { id: string; name?: string; unit?: string; role: string };
  note?: string;
  details?: Record<string, unknown>;
  files?: StoredFile[];
}

export interface Dossier {
  code: string;
  version: number;
  status: Status;
  channel: number;
  procedure: { code: string; version: number; name: string; field: string; processingDays: number | null };
  applicant: { fullName: string; idNumber: string; phone: string; email?: string; address: string };
  form: Record<string, unknown>;
  documents: (StoredFile & { requirementId: string })[];
  receivingUnit: string;
  currentUnit: string;
  submittedAt: string;
  acceptedAt?: string;
  dueAt?: string;
  originalDueAt?: string;
  supplementRequests: number;
  missing?: string[];
  payment?: { amount: number; requestedAt: string; confirmedAt?: string; receiptNo?: string };
  extension?: { newDueAt: string; reason: string; at: string };
  result?: StoredFile & { summary?: string };
  finishedAt?: string;
  history: HistoryEntry[];
  /** What the signed-in user may do now, as the server's state machine says: the page offers exactly these. */
  allowedActions: ActionName[];
}

/** The body of POST …/actions beside `action` and `version` (schemas.ts DossierAction). */
export interface ActionFields {
  note?: string;
  reason?: string;
  missing?: string[];
  documents?: { requirementId: string; uploadId: string }[];
  amount?: number;
  receiptNo?: string;
  toUnit?: string;
  resultUploadId?: string;
  summary?: string;
  newDueAt?: string;
}

export interface InboxQuery { status?: number; due?: 'overdue' | 'today' | 'week'; unit?: string; cursor?: string }

export interface Unit { code: string; name: string }
export interface ProcedureInfo {
  code: string;
  form: { id: string; label: string }[];
  documents: { id: string; name: string }[];
}
export interface FormLink { url: string; expiresAt: string; fileName: string }
/** A dossier's file (document, supplement, result): a presigned GET for 5 minutes, served as an attachment. */
export interface FileLink extends FormLink { sha256: string }

const base = (tenant: string) => `/v1/${encodeURIComponent(tenant)}`;
const one = (tenant: string, code: string) => `${base(tenant)}/dossiers/${encodeURIComponent(code)}`;

export const INBOX_PAGE_SIZE = 20;

export const listDossiers = (tenant: string, q: InboxQuery) =>
  get<DossierPage>(`${base(tenant)}/dossiers`, { ...q, limit: INBOX_PAGE_SIZE });

export const getDossier = (tenant: string, code: string) => get<Dossier>(one(tenant, code));

export const actOn = (tenant: string, code: string, action: ActionName, version: number, fields: ActionFields) =>
  post<Dossier>(`${one(tenant, code)}/actions`, { action, version, ...fields });

export const formLink = (tenant: string, code: string, form: 'receipt' | 'apology') => get<FormLink>(`${one(tenant, code)}/forms/${form}`);

/** GET …/dossiers/{code}/files/{uploadId} (docs/forms.md, "A dossier's files"). */
export const fileLink = (tenant: string, code: string, uploadId: string) =>
  get<FileLink>(`${one(tenant, code)}/files/${encodeURIComponent(uploadId)}`);

export const listUnits = (tenant: string) => get<{ items: Unit[] }>(`${base(tenant)}/units`, { limit: 100 });

export const getProcedure = (tenant: string, code: string) => get<ProcedureInfo>(`${base(tenant)}/procedures/${encodeURIComponent(code)}`);

/**
 * Where an action leads (functions/dossiers/workflow.ts TRANSITIONS' `to`), only to tell the official before they
 * confirm; undefined: the status stays (a hand-over, an extension). The server decides, and its answer is shown after.
 */
export const LEADS_TO: Record<ActionName, number | undefined> = {
  accept: 2, refuse: 3, start: 4, 'request-supplement': 5, supplement: 4, 'request-payment': 6, 'confirm-payment': 4,
  forward: undefined, decide: 9, return: 10, withdraw: 7, stop: 8, extend: undefined,
};

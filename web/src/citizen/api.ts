// The citizens' calls to the dossiers service, typed as functions/dossiers answers them.
import { get, post, request } from '../core/api';

export interface ProcedureSummary {
  code: string; name: string; field: string; unit: string; level: 2 | 3 | 4; processingDays: number | null; fee: number; version: number;
}
export interface FormField {
  id: string; label: string; type: 'text' | 'number' | 'date' | 'select' | 'cccd' | 'phone'; required: boolean;
  options?: string[]; maxLength?: number; min?: number; max?: number;
}
export interface DocumentRequirement { id: string; name: string; required: boolean; contentTypes: string[]; copies?: string }
export interface Procedure extends ProcedureSummary {
  feeNote?: string; documents: DocumentRequirement[]; form: FormField[]; legalBasis?: string;
}

export interface Status { code: number; label: string; labelEn: string }
export interface StoredFile { uploadId: string; fileName: string; contentType: string; size: number; requirementId?: string }
export interface HistoryEntry {
  at: string; action: string; from?: number; to: number; by: { id: string; name?: string; unit?: string; role: string };
  note?: string; details?: Record<string, unknown>; files?: StoredFile[];
}
export interface Applicant { fullName: string; idNumber: string; phone: string; email?: string; address: string }
export interface Dossier {
  code: string; version: number; status: Status; channel: number;
  procedure: { code: string; version: number; name: string; field: string; processingDays: number | null };
  applicant: Applicant; form: Record<string, unknown>; documents: (StoredFile & { requirementId: string })[];
  submittedAt: string; acceptedAt?: string; dueAt?: string; finishedAt?: string;
  missing?: string[]; payment?: { amount: number; requestedAt: string; confirmedAt?: string };
  extension?: { newDueAt: string; reason: string; at: string };
  result?: StoredFile & { summary?: string };
  rating?: { score: string; comment?: string; at: string };
  history: HistoryEntry[];
  allowedActions?: string[];
}
export interface DossierSummary {
  code: string; status: Status; procedure: { code: string; name: string };
  submittedAt: string; acceptedAt?: string; dueAt?: string; finishedAt?: string; overdue?: boolean;
}
export interface FormLink { url: string; expiresAt: string; fileName: string }

const base = (tenant: string) => `/v1/${encodeURIComponent(tenant)}`;
const dossierPath = (tenant: string, code: string) => `${base(tenant)}/dossiers/${encodeURIComponent(code)}`;

/** The whole published catalogue (a province publishes a few hundred at most), so search answers as one types. */
export async function allProcedures(tenant: string): Promise<ProcedureSummary[]> {
  const out: ProcedureSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<{ items: ProcedureSummary[]; cursor?: string }>(`${base(tenant)}/procedures`, { limit: 100, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor && out.length < 2000);
  return out;
}

export const getProcedure = (tenant: string, code: string) => get<Procedure>(`${base(tenant)}/procedures/${encodeURIComponent(code)}`);

export interface Submission {
  procedureCode: string; applicant: Applicant; form: Record<string, unknown>; documents: { requirementId: string; uploadId: string }[];
}
export const submitDossier = (tenant: string, body: Submission, idempotencyKey: string) =>
  post<Dossier>(`${base(tenant)}/dossiers`, body, { idempotencyKey });

export const getDossier = (tenant: string, code: string) => get<Dossier>(dossierPath(tenant, code));

export const myDossiers = (tenant: string, cursor?: string) =>
  get<{ items: DossierSummary[]; cursor?: string }>(`${base(tenant)}/me/dossiers`, { limit: 20, cursor });

export const actOn = (tenant: string, code: string, body: Record<string, unknown>) => post<Dossier>(`${dossierPath(tenant, code)}/actions`, body);

export const rate = (tenant: string, code: string, body: { score: string; comment?: string }) =>
  post<{ score: string; comment?: string; at: string }>(`${dossierPath(tenant, code)}/rating`, body);

/** Anyone with the code and the phone given at submission (the API answers "not found" to a wrong phone). */
export const lookup = (tenant: string, code: string, phone: string) =>
  request<DossierSummary>('GET', `${base(tenant)}/public/dossiers/${encodeURIComponent(code)}`, { query: { phone }, anonymous: true });

/**
 * Saves a file the API links to for a few minutes (FormLink): fetched and saved under its own name; when the storage
 * does not let the page read it, it opens in a new tab instead.
 */
async function save(link: FormLink): Promise<void> {
  try {
    const response = await fetch(link.url);
    if (!response.ok) throw new Error(String(response.status));
    const url = URL.createObjectURL(await response.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: link.fileName });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch {
    window.open(link.url, '_blank', 'noopener');
  }
}

/** The receipt and appointment slip (form 01), a PDF the API makes once the dossier is accepted. */
export const downloadReceipt = async (tenant: string, code: string): Promise<void> =>
  save(await get<FormLink>(`${dossierPath(tenant, code)}/forms/receipt`));

/** One of the dossier's files: the applicant's own documents, and the result once returned. */
export const downloadFile = async (tenant: string, code: string, uploadId: string): Promise<void> =>
  save(await get<FormLink>(`${dossierPath(tenant, code)}/files/${encodeURIComponent(uploadId)}`));

// The forms of a dossier as PDFs in the tenant's bucket: made on the first request for a version of their content,
// then served from there; the caller gets a presigned URL for a few minutes. Storage and rendering are ports.
import { createHash } from 'node:crypto';
import type { Caller } from '#shared/auth';
import { toVietnamIso, type Clock } from '#shared/clock';
import { conflict, notFound } from '#shared/errors';
import type { Role } from '#shared/http/route';
import type { Dossier } from '../schemas';
import { STATUS } from '../status';
import { DOSSIER_TEXT } from '../text';
import type { TenantNaming } from './format';
import { formEvent, formLayout, type FormContext, type FormKind, type FormLayout } from './layout';
import type { FormLink } from './schemas';
import { FORMS_TEXT } from './text';

/** How long a form's download URL works. */
export const FORM_URL_TTL_SECONDS = 5 * 60;

export interface FormSources {
  dossier(tenant: string, code: string): Promise<Dossier | undefined>;
  /** The document requirements of the procedure version the dossier was submitted under, by id. */
  requirements(tenant: string, procedureCode: string, version: number): Promise<FormContext['requirements']>;
  tenant(tenant: string): TenantNaming | undefined;
}

export interface FormFiles {
  /** The SHA-256 of the stored PDF, or undefined when there is none yet. */
  stored(key: string): Promise<string | undefined>;
  store(key: string, pdf: Uint8Array, sha256: string): Promise<void>;
  /** A presigned GET; `file` says the stored type and version of an uploaded file (a form is a PDF, latest). */
  downloadUrl(key: string, fileName: string, expiresInSeconds: number, file?: { contentType: string; versionId?: string }): Promise<string>;
}

export interface FormsDeps {
  sources: FormSources;
  files: FormFiles;
  render: (layout: FormLayout) => Uint8Array;
  clock: Clock;
}

const OFFICIALS: readonly Role[] = ['clerk', 'officer', 'leader', 'tenant-admin'];

/** `nghean/dossiers/000.00.31.H41-261124-0001/forms/receipt-v2.pdf`: one object per version of the form's content. */
export const formKey = (tenant: string, code: string, form: FormKind, version: number): string =>
  `${tenant}/dossiers/${code}/forms/${form}-v${version}.pdf`;

const FILE_NAMES: Record<FormKind, string> = { receipt: 'giay-tiep-nhan-hen-tra-ket-qua', apology: 'van-ban-xin-loi-hen-lai-ngay-tra' };
export const formFileName = (form: FormKind, code: string): string => `${FILE_NAMES[form]}-${code}.pdf`;

/** The dossier if the caller may read it: its applicant's or any official's; for anyone else it does not exist. */
async function readable(deps: FormsDeps, tenant: string, caller: Caller, code: string): Promise<{ dossier: Dossier; official: boolean }> {
  const dossier = await deps.sources.dossier(tenant, code);
  const official = caller.roles.some((r) => OFFICIALS.includes(r));
  if (!dossier || (!official && dossier.applicantUserId !== caller.id)) {
    throw notFound('DOSSIER_NOT_FOUND', DOSSIER_TEXT.notFound.vi, DOSSIER_TEXT.notFound.en);
  }
  return { dossier, official };
}

export async function getForm(deps: FormsDeps, tenant: string, caller: Caller, code: string, form: FormKind): Promise<FormLink> {
  const { dossier } = await readable(deps, tenant, caller, code);
  const event = formEvent(form, dossier);
  if (!event) {
    const text = FORMS_TEXT.notAvailable[form];
    throw conflict('FORM_NOT_AVAILABLE', text.vi, text.en, { form, status: dossier.status });
  }

  const key = formKey(tenant, code, form, event.version);
  let sha256 = await deps.files.stored(key);
  if (!sha256) {
    const context: FormContext = {
      tenant: deps.sources.tenant(tenant) ?? { name: tenant, provinceCode: '' },
      requirements: await deps.sources.requirements(tenant, dossier.procedure.code, dossier.procedure.version),
    };
    const pdf = deps.render(formLayout(form, dossier, context, event));
    sha256 = createHash('sha256').update(pdf).digest('hex');
    // Two first requests at once both write: the bytes are the same (rendering is deterministic), so either wins.
    await deps.files.store(key, pdf, sha256);
  }
  const fileName = formFileName(form, code);
  const now = deps.clock();
  return {
    url: await deps.files.downloadUrl(key, fileName, FORM_URL_TTL_SECONDS),
    expiresAt: toVietnamIso(new Date(now.getTime() + FORM_URL_TTL_SECONDS * 1000)),
    fileName,
    sha256,
  };
}

/**
 * A file of the dossier: a submitted document, a supplement, or the result. Officials may read any; the applicant
 * their own documents and supplements, and the result once it was returned to them (status 10), not while the
 * decision is still with the office.
 */
export async function getDossierFile(deps: FormsDeps, tenant: string, caller: Caller, code: string, uploadId: string): Promise<FormLink> {
  const { dossier, official } = await readable(deps, tenant, caller, code);
  const resultVisible = official || dossier.status.code === STATUS.RETURNED;
  // The decision's history entry carries the result file too: hide it there as well until it is returned.
  const hidden = resultVisible ? undefined : dossier.result?.uploadId;
  const files = [...dossier.documents, ...dossier.history.flatMap((h) => h.files ?? []), ...(dossier.result ? [dossier.result] : [])];
  const file = files.find((f) => f.uploadId === uploadId && f.uploadId !== hidden);
  if (!file) throw notFound('FILE_NOT_FOUND', FORMS_TEXT.fileNotFound.vi, FORMS_TEXT.fileNotFound.en);
  const now = deps.clock();
  return {
    url: await deps.files.downloadUrl(file.key, file.fileName, FORM_URL_TTL_SECONDS, { contentType: file.contentType, versionId: file.versionId }),
    expiresAt: toVietnamIso(new Date(now.getTime() + FORM_URL_TTL_SECONDS * 1000)),
    fileName: file.fileName,
    sha256: file.sha256,
  };
}

// The procedure catalogue's rules: versions, drafts and publication, with storage behind the ProcedureStore port.
//
// A procedure is a list of versions. Version 1 is a draft; a draft may be replaced any number of times (its
// `revision` counts the saves) until it is published. A published version never changes again, because dossiers
// keep the version they were submitted under: editing a published procedure makes the next version, a draft.
// Citizens see the newest published version; the drafts are for the tenant-admin only.
import { toVietnamIso, type Clock } from '#shared/clock';
import { badRequest, conflict, notFound } from '#shared/errors';
import {
  MAX_VERSION, type AdminProcedureVersion, type ListProceduresQuery, type ProcedureContent, type PublicProcedureSummary,
  type PublishProcedure, type UpdateProcedure,
} from './schemas';
import type { Page, ProcedureStore } from './store';
import { PROCEDURE_TEXT as T } from './text';

export interface ProcedureDeps {
  procedures: ProcedureStore;
  clock: Clock;
}

const procedureNotFound = () => notFound('PROCEDURE_NOT_FOUND', T.notFound.vi, T.notFound.en);
const versionNotFound = () => notFound('PROCEDURE_VERSION_NOT_FOUND', T.versionNotFound.vi, T.versionNotFound.en);
const versionConflict = () => conflict('VERSION_CONFLICT', T.versionConflict.vi, T.versionConflict.en);
const notLatestDraft = (details?: unknown) => conflict('NOT_LATEST_DRAFT', T.notLatestDraft.vi, T.notLatestDraft.en, details);

/** The content fields alone, whatever else the object carries. */
function contentOf(c: ProcedureContent): ProcedureContent {
  return {
    code: c.code, name: c.name, field: c.field, unit: c.unit, level: c.level, processingDays: c.processingDays, fee: c.fee,
    ...(c.feeNote === undefined ? {} : { feeNote: c.feeNote }),
    documents: c.documents, form: c.form, steps: c.steps,
    ...(c.legalBasis === undefined ? {} : { legalBasis: c.legalBasis }),
  };
}

/** A new procedure: version 1, a draft, not in the public catalogue until published. */
export async function createProcedure(deps: ProcedureDeps, tenant: string, content: ProcedureContent): Promise<AdminProcedureVersion> {
  const now = toVietnamIso(deps.clock());
  const first: AdminProcedureVersion = { ...contentOf(content), version: 1, status: 'draft', revision: 1, createdAt: now, updatedAt: now };
  if (!(await deps.procedures.insert(tenant, first))) {
    throw conflict('PROCEDURE_EXISTS', T.exists.vi, T.exists.en, { code: content.code });
  }
  return first;
}

/**
 * Edits a procedure from the latest version the caller read (`version`, `revision`): a draft is replaced in place;
 * a published version stays as it is and the edit becomes the next version, a draft. 409 VERSION_CONFLICT when the
 * latest version is not the one read.
 */
export async function updateProcedure(deps: ProcedureDeps, tenant: string, code: string, change: UpdateProcedure): Promise<AdminProcedureVersion> {
  if (change.content.code !== code) throw badRequest('CODE_MISMATCH', T.codeMismatch.vi, T.codeMismatch.en, { code: change.content.code });
  const summary = await deps.procedures.getSummary(tenant, code, { consistent: true });
  if (!summary) throw procedureNotFound();
  if (summary.latestVersion !== change.version) throw versionConflict();
  const latest = await deps.procedures.getVersion(tenant, code, summary.latestVersion, { consistent: true });
  if (!latest || latest.revision !== change.revision) throw versionConflict();

  const now = toVietnamIso(deps.clock());
  const content = contentOf(change.content);
  if (latest.status === 'draft') {
    const next: AdminProcedureVersion = {
      ...content, version: latest.version, status: 'draft', revision: latest.revision + 1, createdAt: latest.createdAt, updatedAt: now,
    };
    const listed = summary.publishedVersion === undefined;
    if (!(await deps.procedures.replaceDraft(tenant, next, latest.revision, listed))) throw versionConflict();
    return next;
  }
  if (latest.version >= MAX_VERSION) throw conflict('VERSION_LIMIT', T.versionLimit.vi, T.versionLimit.en);
  const next: AdminProcedureVersion = { ...content, version: latest.version + 1, status: 'draft', revision: 1, createdAt: now, updatedAt: now };
  if (!(await deps.procedures.addDraft(tenant, next))) throw versionConflict();
  return next;
}

/**
 * Publishes the latest version, which must be a draft: it becomes what citizens see and submit under, and never
 * changes again. Of several administrators publishing at once, one succeeds; the others get 409 NOT_LATEST_DRAFT.
 * With `revision`, the draft must still be at that revision (409 VERSION_CONFLICT otherwise).
 */
export async function publishProcedure(deps: ProcedureDeps, tenant: string, code: string, request: PublishProcedure): Promise<AdminProcedureVersion> {
  for (let attempt = 1; ; attempt++) {
    const summary = await deps.procedures.getSummary(tenant, code, { consistent: true });
    if (!summary) throw procedureNotFound();
    if (request.version > summary.latestVersion) throw versionNotFound();
    const details = { latestVersion: summary.latestVersion, latestStatus: summary.latestStatus, publishedVersion: summary.publishedVersion };
    if (request.version !== summary.latestVersion || summary.latestStatus !== 'draft') throw notLatestDraft(details);
    const draft = await deps.procedures.getVersion(tenant, code, request.version, { consistent: true });
    if (!draft || draft.status !== 'draft') throw notLatestDraft(details);
    if (request.revision !== undefined && draft.revision !== request.revision) throw versionConflict();

    const now = toVietnamIso(deps.clock());
    const published: AdminProcedureVersion = { ...draft, status: 'published', publishedAt: now, updatedAt: now };
    if (await deps.procedures.publish(tenant, published, draft.revision)) return published;
    // Someone acted in between: another publication (the next round answers 409), a new draft, or a save of this
    // draft (publish the latest save, unless the caller pinned a revision). Rounds are few: each needs a change.
    if (attempt >= 3) throw notLatestDraft();
  }
}

/** The version citizens see: the newest published one. */
export async function getPublishedProcedure(deps: ProcedureDeps, tenant: string, code: string): Promise<AdminProcedureVersion> {
  return (await deps.procedures.getPublished(tenant, code)) ?? Promise.reject(procedureNotFound());
}

export async function getProcedureVersion(deps: ProcedureDeps, tenant: string, code: string, version: number): Promise<AdminProcedureVersion> {
  return (await deps.procedures.getVersion(tenant, code, version)) ?? Promise.reject(versionNotFound());
}

/** Every version, drafts included, newest first. */
export async function listProcedureVersions(deps: ProcedureDeps, tenant: string, code: string, page: { limit: number; cursor?: string }): Promise<Page<AdminProcedureVersion>> {
  const result = await deps.procedures.listVersions(tenant, code, page);
  if (result.items.length === 0 && page.cursor === undefined && !(await deps.procedures.getSummary(tenant, code))) throw procedureNotFound();
  return result;
}

/** The public catalogue: published procedures only, each as its published version lists it. */
export async function listPublishedProcedures(deps: ProcedureDeps, tenant: string, query: ListProceduresQuery): Promise<Page<PublicProcedureSummary>> {
  const page = await deps.procedures.listSummaries(tenant, { ...query, publishedOnly: true });
  return {
    items: page.items.map((s) => ({
      code: s.code, name: s.name, field: s.field, unit: s.unit, level: s.level, processingDays: s.processingDays, fee: s.fee,
      version: s.publishedVersion!, publishedAt: s.publishedAt,
    })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

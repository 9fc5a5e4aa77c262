// Outgoing documents (văn bản đi): draft, approve with the signed PDF, issue with the next number of the issuing
// unit's register, revise (recall, update, replace). Delivery to the recipients is delivery.ts's.
import { randomUUID } from 'node:crypto';
import type { Caller } from '#shared/auth';
import { toVietnamIso } from '#shared/clock';
import { badRequest, conflict, notFound } from '#shared/errors';
import { vietnamMonth } from '#shared/quota';
import { requireUnit } from './access';
import { documentType } from './catalog';
import type { DocumentDeps, UnitInfo } from './deps';
import { claimFile, PDF_ONLY, signatureCheck } from './files';
import { documentSymbol, edxmlDocumentId, numberAndSymbol, outgoingSeries, vietnamYear } from './numbering';
import type { CreateDocument, OutgoingDocument, Revise, UnitRef, UpdateDraft } from './schemas';
import { searchEntries } from './search';
import { keys, outgoingItem, type TransactItem } from './store';
import { DOCUMENT_TEXT as T } from './text';

export const documentNotFound = () => notFound('DOCUMENT_NOT_FOUND', T.notFound.vi, T.notFound.en);
export const versionConflict = () => conflict('VERSION_CONFLICT', T.versionConflict.vi, T.versionConflict.en);
const wrongStatus = (status: string) => conflict('ACTION_NOT_ALLOWED', T.wrongStatus.vi, T.wrongStatus.en, { status });
export const actor = (caller: Caller) => ({ id: caller.id, ...(caller.name ? { name: caller.name } : {}), ...(caller.unit ? { unit: caller.unit } : {}) });

async function unitRef(deps: DocumentDeps, tenant: string, code: string, field: string): Promise<UnitRef & { unit: UnitInfo }> {
  const unit = await deps.directory.unit(tenant, code);
  if (!unit) throw badRequest('UNKNOWN_UNIT', T.unknownUnit.vi, T.unknownUnit.en, { field, code });
  return { code: unit.code, name: unit.name, abbr: unit.shortName ?? '', unit };
}

/** Replaces the document if it is still at `expected`; false when someone changed it first. */
function replace(deps: DocumentDeps, tenant: string, doc: OutgoingDocument, expected: number, extra: TransactItem[] = []) {
  return deps.store.write([deps.store.putIfVersion(outgoingItem(tenant, doc), expected), ...extra]);
}

async function files(deps: DocumentDeps, tenant: string, caller: Caller, id: string, main: string, annexes: string[]) {
  const check = signatureCheck(deps, tenant);
  const mainFile = await claimFile(deps, tenant, caller, main, `documents/${id}/main`, PDF_ONLY, check);
  const annexFiles = [];
  for (const [i, uploadId] of annexes.entries()) annexFiles.push(await claimFile(deps, tenant, caller, uploadId, `documents/${id}/annex-${i}`, undefined, check));
  return { mainFile, annexFiles };
}

export async function create(deps: DocumentDeps, tenant: string, caller: Caller, input: CreateDocument): Promise<OutgoingDocument> {
  const drafting = await unitRef(deps, tenant, input.draftingUnit, 'draftingUnit');
  await requireUnit(deps, tenant, caller, [drafting.code], ['clerk', 'officer', 'leader']);
  const issuingCode = input.issuingUnit ?? (drafting.unit.level === 'department' ? drafting.unit.parentCode : undefined) ?? drafting.code;
  const issuing = await unitRef(deps, tenant, issuingCode, 'issuingUnit');
  if (!issuing.abbr) throw badRequest('NO_ABBREVIATION', T.noAbbreviation.vi, T.noAbbreviation.en, { unit: issuing.code });
  const id = randomUUID();
  const { mainFile, annexFiles } = await files(deps, tenant, caller, id, input.mainUploadId, input.annexUploadIds);
  const at = toVietnamIso(deps.clock());
  const doc: OutgoingDocument = {
    id, kind: 'outgoing', version: 1, status: 'draft',
    type: input.type, typeName: documentType(input.type)!.name, subject: input.subject,
    draftingUnit: strip(drafting), issuingUnit: strip(issuing), signer: input.signer,
    urgency: input.urgency, confidentiality: input.confidentiality,
    recipients: dedupe(input.recipients), ...(input.replyBy ? { replyBy: input.replyBy } : {}),
    mainFile: mainFile.file, annexes: annexFiles.map((a) => a.file),
    revisions: [], createdAt: at, createdBy: caller.id, updatedAt: at,
    history: [{ at, action: 'draft', by: actor(caller) }],
  };
  const ok = await deps.store.write([deps.store.putNew(outgoingItem(tenant, doc)), mainFile.attach, ...annexFiles.map((a) => a.attach)]);
  if (!ok) throw conflict('UPLOAD_ALREADY_USED', 'Tệp đã được dùng cho hồ sơ hoặc văn bản khác.', 'A file is already used by another record.');
  return doc;
}

const strip = (u: UnitRef & { unit: UnitInfo }): UnitRef => ({ code: u.code, name: u.name, abbr: u.abbr });
const dedupe = (recipients: CreateDocument['recipients']) =>
  [...new Map(recipients.map((r) => [r.agency, { agency: r.agency, copy: r.copy }])).values()];

/** The document for the officials of its drafting or issuing unit (and tenant-admins); for anyone else it does not exist. */
export async function readable(deps: DocumentDeps, tenant: string, caller: Caller, id: string): Promise<OutgoingDocument> {
  const doc = await deps.store.getOutgoing(tenant, id);
  if (!doc) throw documentNotFound();
  try {
    await requireUnit(deps, tenant, caller, [doc.draftingUnit.code, doc.issuingUnit.code], ['clerk', 'officer', 'leader']);
  } catch {
    throw documentNotFound();
  }
  return doc;
}

export async function updateDraft(deps: DocumentDeps, tenant: string, caller: Caller, id: string, input: UpdateDraft): Promise<OutgoingDocument> {
  const doc = await readable(deps, tenant, caller, id);
  if (doc.status !== 'draft') throw conflict('NOT_A_DRAFT', T.notDraft.vi, T.notDraft.en);
  if (doc.version !== input.version) throw versionConflict();
  const issuing = input.issuingUnit ? await unitRef(deps, tenant, input.issuingUnit, 'issuingUnit') : undefined;
  if (issuing && !issuing.abbr) throw badRequest('NO_ABBREVIATION', T.noAbbreviation.vi, T.noAbbreviation.en, { unit: issuing.code });
  const claimed = input.mainUploadId || input.annexUploadIds
    ? await files(deps, tenant, caller, `${id}/v${doc.version + 1}`, input.mainUploadId ?? '', input.annexUploadIds ?? []).catch((err) => { if (input.mainUploadId) throw err; return undefined; })
    : undefined;
  const at = toVietnamIso(deps.clock());
  const next: OutgoingDocument = {
    ...doc, version: doc.version + 1, updatedAt: at,
    ...(input.type ? { type: input.type, typeName: documentType(input.type)!.name } : {}),
    ...(input.subject ? { subject: input.subject } : {}),
    ...(issuing ? { issuingUnit: strip(issuing) } : {}),
    ...(input.signer ? { signer: input.signer } : {}),
    ...(input.urgency ? { urgency: input.urgency } : {}),
    ...(input.confidentiality ? { confidentiality: input.confidentiality } : {}),
    ...(input.recipients ? { recipients: dedupe(input.recipients) } : {}),
    ...(input.replyBy ? { replyBy: input.replyBy } : {}),
    ...(claimed && input.mainUploadId ? { mainFile: claimed.mainFile.file } : {}),
    ...(claimed && input.annexUploadIds ? { annexes: claimed.annexFiles.map((a) => a.file) } : {}),
    history: [...doc.history, { at, action: 'edit', by: actor(caller) }],
  };
  const extra = claimed ? [...(input.mainUploadId ? [claimed.mainFile.attach] : []), ...claimed.annexFiles.map((a) => a.attach)] : [];
  if (!(await replace(deps, tenant, next, doc.version, extra))) throw versionConflict();
  return next;
}

export async function approve(deps: DocumentDeps, tenant: string, caller: Caller, id: string, input: { version: number; signedUploadId: string; note?: string }) {
  const doc = await readable(deps, tenant, caller, id);
  await requireUnit(deps, tenant, caller, [doc.issuingUnit.code], ['leader']);
  if (doc.status !== 'draft') throw wrongStatus(doc.status);
  if (doc.version !== input.version) throw versionConflict();
  const signed = await claimFile(deps, tenant, caller, input.signedUploadId, `documents/${id}/signed`, PDF_ONLY, signatureCheck(deps, tenant));
  const at = toVietnamIso(deps.clock());
  const next: OutgoingDocument = {
    ...doc, version: doc.version + 1, status: 'approved', signedFile: signed.file, updatedAt: at,
    history: [...doc.history, { at, action: 'approve', by: actor(caller), ...(input.note ? { details: { note: input.note } } : {}) }],
  };
  if (!(await replace(deps, tenant, next, doc.version, [signed.attach]))) throw versionConflict();
  return next;
}

/**
 * Gives the document the next number of its issuing unit's register for the year and series, in one transaction
 * with the counter: two clerks at once get consecutive numbers (the loser of a race reads the counter again), and
 * a failed issue leaves no gap.
 */
export async function issue(deps: DocumentDeps, tenant: string, caller: Caller, id: string, input: { version: number }): Promise<OutgoingDocument> {
  let doc = await readable(deps, tenant, caller, id);
  await requireUnit(deps, tenant, caller, [doc.draftingUnit.code, doc.issuingUnit.code], ['clerk']);
  for (let attempt = 0; attempt < 25; attempt++) {
    if (doc.status !== 'approved') throw wrongStatus(doc.status);
    if (doc.version !== input.version) throw versionConflict();
    const now = deps.clock();
    const at = toVietnamIso(now);
    const year = vietnamYear(now);
    const series = outgoingSeries(doc.confidentiality);
    const last = await deps.store.counter(tenant, doc.issuingUnit.code, series, year);
    const number = last + 1;
    const symbol = documentSymbol(doc.type, doc.issuingUnit.abbr, doc.draftingUnit.abbr || undefined);
    const numberSymbol = numberAndSymbol(number, symbol);
    // The issuing agency, as in the edXML From: a department issuing in its own name is not its People's Committee.
    const documentId = edxmlDocumentId(doc.issuingUnit.code, at, numberSymbol);
    const next: OutgoingDocument = {
      ...doc, version: doc.version + 1, status: 'issued', number, symbol, numberSymbol, series, year, issuedAt: at, documentId, updatedAt: at,
      history: [...doc.history, { at, action: 'issue', by: actor(caller), details: { numberSymbol } }],
    };
    // Confidential documents are not in the search entries: their subject stays in the register only.
    const entries = doc.confidentiality === 'thuong'
      ? searchEntries(tenant, { id, kind: 'outgoing', numberSymbol, type: doc.type, subject: doc.subject, agency: doc.issuingUnit.code, agencyName: doc.issuingUnit.name, date: at.slice(0, 10) })
      : [];
    // Documents sent count once per recipient agency (copies for information too: each is delivered), in the month
    // of issue; a refused issue takes no number.
    const counted = await deps.quota?.charge(tenant, 'documentsSent', doc.recipients.length, vietnamMonth(now));
    const ok = await deps.store.write([
      ...(counted ? [counted] : []),
      deps.store.counterStep(keys.counter(tenant, doc.issuingUnit.code, series, year), last),
      deps.store.putIfVersion(outgoingItem(tenant, next), doc.version),
      deps.store.put({ ...keys.edxml(tenant, documentId, 'OUT'), docId: id }),
      ...entries.map((e) => deps.store.put(e)),
    ]);
    if (ok) return next;
    const current = await deps.store.getOutgoing(tenant, id);
    if (!current || current.version !== doc.version) throw versionConflict(); // someone else issued or changed it
    doc = current; // lost the number to another document: take the next one
  }
  throw conflict('BUSY_REGISTER', 'Sổ văn bản đang bận, vui lòng thử lại.', 'The register is busy; try again.');
}

/** Recall (1), update (2) or replace (3) an issued document: recorded here; each recipient is asked (13) by delivery. */
export async function revise(deps: DocumentDeps, tenant: string, caller: Caller, id: string, input: Revise): Promise<OutgoingDocument> {
  const doc = await readable(deps, tenant, caller, id);
  await requireUnit(deps, tenant, caller, [doc.draftingUnit.code, doc.issuingUnit.code], ['clerk', 'leader']);
  if (doc.status !== 'issued') throw wrongStatus(doc.status);
  if (doc.version !== input.version) throw versionConflict();
  let replacement: { id: string; documentId: string } | undefined;
  if (input.business === 'replace') {
    const other = await deps.store.getOutgoing(tenant, input.replacementId);
    if (!other || other.status !== 'issued' || other.issuingUnit.code !== doc.issuingUnit.code || other.id === doc.id) {
      throw badRequest('INVALID_REPLACEMENT', T.replacementNotIssued.vi, T.replacementNotIssued.en);
    }
    replacement = { id: other.id, documentId: other.documentId! };
  }
  const at = toVietnamIso(deps.clock());
  const revision = {
    business: input.business, reason: input.reason, at, by: actor(caller),
    ...(input.business === 'update' && input.subject ? { subject: input.subject } : {}),
    ...(input.business === 'update' && input.replyBy ? { replyBy: input.replyBy } : {}),
    ...(replacement ? { replacement } : {}),
  };
  const next: OutgoingDocument = {
    ...doc, version: doc.version + 1, updatedAt: at, revisions: [...doc.revisions, revision],
    ...(input.business === 'recall' ? { status: 'recalled' as const } : {}),
    history: [...doc.history, { at, action: input.business, by: actor(caller), details: { reason: input.reason } }],
  };
  if (!(await replace(deps, tenant, next, doc.version))) throw versionConflict();
  return next;
}

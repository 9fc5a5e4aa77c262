// Dossier domain logic: submission, the processing actions, reading. Storage, procedures, files and the
// working-time calendar are ports, so this module holds the rules and nothing of AWS.
import { createHash, randomUUID } from 'node:crypto';
import type { Caller } from '#shared/auth';
import { toVietnamIso, type Clock } from '#shared/clock';
import { badRequest, conflict, forbidden, notFound } from '#shared/errors';
import { validationError, type FieldIssue } from '#shared/http/request';
import type { Role } from '#shared/http/route';
import type { MailRequest } from '#shared/outbox';
import { vietnamMonth, type QuotaMeter } from '#shared/quota';
import { findTenant } from '#shared/tenancy';
import { dossierCode, vietnamDay } from './code';
import { notificationFor } from './notifications';
import { formSchema, normalizePhone } from './form';
import type { ProcedureVersion } from './procedures/schemas';
import type { Dossier, DossierAction, DossierListRow, DossierSummary, HistoryEntry, PublicDossier, SubmitDossier } from './schemas';
import { statusView, type StatusCode } from './status';
import type { DossierStore, PublicRecord, TransactItem } from './store';
import { DOSSIER_TEXT as T } from './text';
import { allowedActions, nextStatus, type Actor } from './workflow';

export interface Procedures {
  getPublished(tenant: string, code: string): Promise<ProcedureVersion | undefined>;
  getVersion(tenant: string, code: string, version: number): Promise<ProcedureVersion | undefined>;
}

export type StoredFile = Dossier['documents'][number] extends infer F ? Omit<F, 'requirementId'> : never;

/** Files uploaded through /uploads, checked and claimed for a record in the record's own transaction. */
export interface Files {
  claim(tenant: string, uploadId: string, caller: Caller, accept: { contentTypes?: string[] }, reference: string): Promise<{ file: StoredFile; attach: TransactItem }>;
}

/** The tenant's working-time calendar (DOMAIN.md: office hours, holidays, swapped days). */
export interface WorkingTime {
  dueAt(tenant: string, acceptedAt: Date, workingDays: number): Promise<Date>;
  /** The due date moved back by the working time of a pause (waiting for the applicant). */
  shift(tenant: string, dueAt: Date, pause: { from: Date; to: Date }): Promise<Date>;
}

/** The mail service's outbox: a request put in the same transaction as the change it announces. */
export interface Outbox {
  item(request: MailRequest): TransactItem;
}

export interface DossierDeps {
  store: DossierStore;
  outbox: Outbox;
  procedures: Procedures;
  files: Files;
  workingTime: WorkingTime;
  clock: Clock;
  /**
   * The tenant's monthly dossier quota (docs/plans.md): one per submission, counted in the submission's transaction.
   * Absent only in-process (the statistics test, the bench), where nothing is counted.
   */
  quota?: QuotaMeter;
}

const STAFF: readonly Role[] = ['clerk', 'officer', 'leader', 'tenant-admin'];
const isStaff = (caller: Caller) => caller.roles.some((r) => STAFF.includes(r));
const dossierNotFound = () => notFound('DOSSIER_NOT_FOUND', T.notFound.vi, T.notFound.en);
const versionConflict = () => conflict('VERSION_CONFLICT', T.versionConflict.vi, T.versionConflict.en);

export const phoneHash = (tenant: string, code: string, phone: string) =>
  createHash('sha256').update(`${tenant}\n${code}\n${normalizePhone(phone)}`).digest('hex');

function publicRecord(tenant: string, d: Dossier): PublicRecord {
  return {
    code: d.code, status: d.status, procedure: { code: d.procedure.code, name: d.procedure.name },
    submittedAt: d.submittedAt, acceptedAt: d.acceptedAt, dueAt: d.dueAt, finishedAt: d.finishedAt,
    phoneHash: phoneHash(tenant, d.code, d.applicant.phone),
  };
}

function actorsOf(caller: Caller, dossier: Dossier): Actor[] {
  return [...caller.roles, ...(dossier.applicantUserId === caller.id ? ['applicant' as const] : [])];
}

const by = (caller: Caller, role: string) => ({ id: caller.id, role, ...(caller.name ? { name: caller.name } : {}), ...(caller.unit ? { unit: caller.unit } : {}) });

/** Checks the documents against the procedure's requirements, then claims each upload for `reference`. */
async function claimDocuments(deps: DossierDeps, tenant: string, caller: Caller, procedure: ProcedureVersion,
  documents: SubmitDossier['documents'], reference: string, requireAll: boolean) {
  const issues = documents.flatMap((doc, i): FieldIssue[] => {
    if (!procedure.documents.some((r) => r.id === doc.requirementId)) return [{ path: `body.documents.${i}.requirementId`, message: T.unknownRequirement.vi }];
    if (documents.findIndex((d) => d.requirementId === doc.requirementId) !== i) return [{ path: `body.documents.${i}.requirementId`, message: T.duplicateRequirement.vi }];
    return [];
  });
  if (issues.length) throw validationError(issues);
  if (requireAll) {
    const missing = procedure.documents.filter((r) => r.required && !documents.some((d) => d.requirementId === r.id));
    if (missing.length) {
      throw badRequest('MISSING_DOCUMENTS', T.missingDocuments.vi, T.missingDocuments.en, missing.map((r) => ({ requirementId: r.id, name: r.name })));
    }
  }
  const claimed = [];
  for (const doc of documents) {
    const requirement = procedure.documents.find((r) => r.id === doc.requirementId)!;
    const { file, attach } = await deps.files.claim(tenant, doc.uploadId, caller, { contentTypes: requirement.contentTypes }, reference);
    claimed.push({ document: { ...file, requirementId: doc.requirementId }, attach });
  }
  return claimed;
}

export async function submit(deps: DossierDeps, tenant: string, caller: Caller, input: SubmitDossier): Promise<Dossier> {
  const staff = isStaff(caller);
  const channel = input.channel ?? (staff ? 1 : 2);
  if ((staff && channel === 2) || (!staff && channel !== 2)) throw badRequest('INVALID_CHANNEL', T.wrongChannel.vi, T.wrongChannel.en, { channel });
  const procedure = await deps.procedures.getPublished(tenant, input.procedureCode);
  if (!procedure) throw badRequest('PROCEDURE_NOT_FOUND', T.procedureNotFound.vi, T.procedureNotFound.en, { procedureCode: input.procedureCode });
  if (procedure.level === 2 && channel === 2) throw badRequest('PROCEDURE_NOT_ONLINE', T.procedureNotOnline.vi, T.procedureNotOnline.en);
  const form = formSchema(procedure.form).safeParse(input.form);
  if (!form.success) throw validationError(form.error.issues.map((i) => ({ path: ['body', 'form', ...i.path.map(String)].join('.'), message: i.message })));

  // Files are checked before a number is taken, so a bad file leaves no gap in the unit's daily numbering.
  const id = randomUUID();
  const claimed = await claimDocuments(deps, tenant, caller, procedure, input.documents, `dossiers/${id}`, true);
  const now = deps.clock();
  const month = vietnamMonth(now);
  // Looked at before a number is taken, so a refused submission leaves no gap either (but for a race at the edge:
  // the transaction's condition decides, and the loser's number stays unused).
  await deps.quota?.precheck(tenant, 'dossiers', 1, month);
  const counted = await deps.quota?.charge(tenant, 'dossiers', 1, month);
  const sequence = await deps.store.nextSequence(tenant, procedure.unit, vietnamDay(now));
  const code = dossierCode(procedure.unit, vietnamDay(now), sequence);
  const at = toVietnamIso(now);
  const dossier: Dossier = {
    code, version: 1, status: statusView(1), channel,
    procedure: { code: procedure.code, version: procedure.version, name: procedure.name, field: procedure.field, processingDays: procedure.processingDays },
    applicant: input.applicant,
    ...(staff ? {} : { applicantUserId: caller.id }),
    form: form.data as Record<string, unknown>,
    documents: claimed.map((c) => c.document),
    receivingUnit: procedure.unit, currentUnit: procedure.unit,
    submittedAt: at, submittedBy: caller.id,
    pauses: [], supplementRequests: 0,
    history: [{ at, action: 'submit', to: 1, by: by(caller, staff ? 'clerk' : 'applicant'), details: { channel, id } }],
  };
  if (!(await deps.store.insert(tenant, dossier, publicRecord(tenant, dossier), [...claimed.map((c) => c.attach), ...(counted ? [counted] : [])]))) {
    throw conflict('UPLOAD_ALREADY_USED', T.filesTaken.vi, T.filesTaken.en);
  }
  return dossier;
}

/** The dossier for its applicant or any official of the province; for anyone else it does not exist. */
async function readable(deps: DossierDeps, tenant: string, caller: Caller, code: string): Promise<Dossier> {
  const dossier = await deps.store.get(tenant, code);
  if (!dossier || (!isStaff(caller) && dossier.applicantUserId !== caller.id)) throw dossierNotFound();
  return dossier;
}

export async function view(deps: DossierDeps, tenant: string, caller: Caller, code: string) {
  const dossier = await readable(deps, tenant, caller, code);
  return { ...dossier, allowedActions: allowedActions(dossier.status.code as StatusCode, actorsOf(caller, dossier), { extended: !!dossier.extension }) };
}

function closePause(d: Dossier, at: string): { from: string; to: string } | undefined {
  const open = d.pauses.at(-1);
  if (!open || open.to) return undefined;
  open.to = at;
  return { from: open.from, to: at };
}

export async function act(deps: DossierDeps, tenant: string, caller: Caller, code: string, action: DossierAction): Promise<Dossier> {
  const current = await readable(deps, tenant, caller, code);
  if (current.version !== action.version) throw versionConflict();
  const status = current.status.code as StatusCode;
  const actors = actorsOf(caller, current);
  const to = nextStatus(status, action.action, actors, { extended: !!current.extension });
  if (to === undefined) {
    throw conflict('INVALID_TRANSITION', T.invalidTransition.vi, T.invalidTransition.en, {
      status: current.status, action: action.action, allowed: allowedActions(status, actors, { extended: !!current.extension }),
    });
  }
  const now = deps.clock();
  const at = toVietnamIso(now);
  const d: Dossier = structuredClone(current);
  const extra: TransactItem[] = [];
  const entry: HistoryEntry = {
    at, action: action.action, from: status, to, by: by(caller, actors.includes('applicant') && !isStaff(caller) ? 'applicant' : caller.roles.join(',')),
    ...(action.note ? { note: action.note } : {}),
  };

  switch (action.action) {
    case 'accept':
      d.acceptedAt = at;
      if (d.procedure.processingDays !== null) d.dueAt = toVietnamIso(await deps.workingTime.dueAt(tenant, now, d.procedure.processingDays));
      break;
    case 'refuse':
    case 'stop':
      d.finishedAt = at;
      closePause(d, at);
      entry.details = { reason: action.reason };
      break;
    case 'request-supplement':
      d.pauses.push({ from: at });
      d.supplementRequests += 1;
      d.missing = action.missing;
      entry.details = { missing: action.missing };
      break;
    case 'supplement': {
      const procedure = await deps.procedures.getVersion(tenant, d.procedure.code, d.procedure.version);
      if (!procedure) throw dossierNotFound();
      const claimed = await claimDocuments(deps, tenant, caller, procedure, action.documents, `dossiers/${code}/supplement/${d.supplementRequests}`, false);
      d.documents = [...d.documents.filter((doc) => !action.documents.some((a) => a.requirementId === doc.requirementId)), ...claimed.map((c) => c.document)];
      extra.push(...claimed.map((c) => c.attach));
      entry.files = claimed.map((c) => c.document);
      const pause = closePause(d, at);
      if (pause && d.dueAt) d.dueAt = toVietnamIso(await deps.workingTime.shift(tenant, new Date(d.dueAt), { from: new Date(pause.from), to: new Date(pause.to) }));
      delete d.missing;
      break;
    }
    case 'request-payment':
      d.payment = { amount: action.amount, requestedAt: at };
      entry.details = { amount: action.amount };
      break;
    case 'confirm-payment':
      d.payment = { ...d.payment!, confirmedAt: at, ...(action.receiptNo ? { receiptNo: action.receiptNo } : {}) };
      break;
    case 'forward':
      // A processing-control entry (form 06): every hand-over between units is recorded.
      entry.details = { fromUnit: d.currentUnit, toUnit: action.toUnit, ...(action.toUser ? { toUser: action.toUser } : {}) };
      d.currentUnit = action.toUnit;
      if (action.toUser) d.currentUser = action.toUser;
      else delete d.currentUser;
      break;
    case 'decide': {
      const { file, attach } = await deps.files.claim(tenant, action.resultUploadId, caller, {}, `dossiers/${code}/result`);
      d.result = { ...file, ...(action.summary ? { summary: action.summary } : {}) };
      d.finishedAt = at;
      extra.push(attach);
      entry.files = [file];
      break;
    }
    case 'withdraw':
      closePause(d, at);
      if (action.reason) entry.details = { reason: action.reason };
      break;
    case 'extend': {
      if (!d.dueAt || Date.parse(action.newDueAt) <= Date.parse(d.dueAt)) {
        throw badRequest('INVALID_DUE_DATE', T.invalidDueDate.vi, T.invalidDueDate.en, { dueAt: d.dueAt });
      }
      const newDueAt = toVietnamIso(new Date(action.newDueAt));
      d.originalDueAt = d.dueAt;
      d.dueAt = newDueAt;
      d.extension = { newDueAt, reason: action.reason, at };
      entry.details = { reason: action.reason, newDueAt };
      break;
    }
    case 'start':
    case 'return':
      break;
  }
  d.status = statusView(to);
  d.version = current.version + 1;
  d.history.push(entry);
  const mail = notificationFor({ id: tenant, name: findTenant(tenant)?.name ?? tenant }, action.action, d, at);
  if (mail) extra.push(deps.outbox.item(mail));
  if (!(await deps.store.replace(tenant, d, publicRecord(tenant, d), current.version, extra))) throw versionConflict();
  return d;
}

export async function publicLookup(deps: DossierDeps, tenant: string, code: string, phone: string): Promise<PublicDossier> {
  const record = await deps.store.getPublic(tenant, code);
  // One answer for "no such dossier" and "wrong phone": the lookup must not confirm that a code exists.
  if (!record || record.phoneHash !== phoneHash(tenant, code, phone)) throw dossierNotFound();
  const { phoneHash: _hash, ...view } = record;
  return view;
}

function summary(d: DossierListRow, now: Date): DossierSummary {
  return {
    code: d.code, status: d.status, procedure: { code: d.procedure.code, name: d.procedure.name },
    submittedAt: d.submittedAt, acceptedAt: d.acceptedAt, dueAt: d.dueAt, finishedAt: d.finishedAt,
    channel: d.channel, applicantName: d.applicantName, currentUnit: d.currentUnit,
    overdue: !!d.dueAt && !d.finishedAt && Date.parse(d.dueAt) < now.getTime(),
  };
}

/** A unit's open dossiers, soonest due first. Officers and clerks see their own unit; leaders any. */
export async function inbox(deps: DossierDeps, tenant: string, caller: Caller,
  q: { unit?: string; status?: number; due?: 'overdue' | 'today' | 'week'; limit: number; cursor?: string }) {
  const unit = q.unit ?? caller.unit;
  const mayChooseUnit = caller.roles.some((r) => r === 'leader' || r === 'tenant-admin');
  if (!unit || (unit !== caller.unit && !mayChooseUnit)) throw forbidden('OTHER_UNIT', T.otherUnit.vi, T.otherUnit.en);
  const now = deps.clock();
  const nowIso = toVietnamIso(now);
  const today = nowIso.slice(0, 10);
  const range = q.due === 'overdue' ? { toDue: nowIso }
    : q.due === 'today' ? { fromDue: `${today}T00:00:00+07:00`, toDue: `${today}T23:59:59+07:00#~` }
      : q.due === 'week' ? { fromDue: nowIso, toDue: `${toVietnamIso(new Date(now.getTime() + 7 * 86_400_000))}#~` } : {};
  const page = await deps.store.inbox(tenant, unit, { ...range, status: q.status, limit: q.limit, cursor: q.cursor });
  return { items: page.items.map((d) => summary(d, now)), cursor: page.cursor };
}

export async function mine(deps: DossierDeps, tenant: string, caller: Caller, q: { limit: number; cursor?: string }) {
  const page = await deps.store.byApplicant(tenant, caller.id, q);
  const now = deps.clock();
  return { items: page.items.map((d) => summary(d, now)), cursor: page.cursor };
}

export async function rate(deps: DossierDeps, tenant: string, caller: Caller, code: string, rating: { score: string; comment?: string }) {
  const current = await readable(deps, tenant, caller, code);
  if (current.applicantUserId !== caller.id || current.status.code !== 10 || current.rating) {
    throw conflict('NOT_RATABLE', T.notRatable.vi, T.notRatable.en);
  }
  const d: Dossier = { ...current, version: current.version + 1, rating: { ...rating, at: toVietnamIso(deps.clock()) } };
  if (!(await deps.store.replace(tenant, d, publicRecord(tenant, d), current.version, []))) throw versionConflict();
  return d.rating!;
}


// Incoming documents (văn bản đến): the receiving unit's box, register (arrival number), refuse, assign, start,
// complete, and the answer to a recall/update. Every status goes back to the sender: a STATUS item is written in
// the same transaction as the change (the stream forwards it), and a sender in this province sees it at once.
import type { Caller } from '#shared/auth';
import { toVietnamIso } from '#shared/clock';
import { badRequest, conflict, forbidden, notFound } from '#shared/errors';
import { actingUnits, hasRole, requireUnit } from './access';
import type { DocumentDeps } from './deps';
import { applyStatus, traceEntry } from './delivery';
import { vietnamYear } from './numbering';
import { actor, versionConflict } from './outgoing';
import type { IncomingAction, IncomingDocument, RevisionAnswer } from './schemas';
import { searchEntries } from './search';
import { EXCHANGE_STATUSES, INCOMING_TRANSITIONS, type ExchangeStatus } from './status';
import { incomingItem, keys, listRow, type TransactItem } from './store';
import { DOCUMENT_TEXT as T } from './text';
import type * as z from 'zod';

const incomingNotFound = () => notFound('DOCUMENT_NOT_FOUND', T.notFound.vi, T.notFound.en);
const notAssigned = () => forbidden('NOT_ASSIGNED', T.notAssigned.vi, T.notAssigned.en);

/** A status the recipient sends back: where it goes is in `source` (the stream forwards hub ones). */
export interface StatusMessage {
  incomingId: string;
  seq: number;
  code: ExchangeStatus;
  at: string;
  /** The recipient agency (this tenant's unit) and its name, who acted, and why. */
  agency: string;
  unitName: string;
  staff: string;
  description?: string;
  documentId: string;
  fromAgency: string;
  source: IncomingDocument['source'];
}

export const statusItem = (tenant: string, m: StatusMessage) => ({ ...keys.status(tenant, m.incomingId, m.seq), ...m });

/**
 * How the caller stands to a copy: `desk` keeps the receiving unit's records (its clerks and leaders), `assignee`
 * has it to handle, `member` works in the receiving unit (and may read it).
 */
interface Standing { desk: boolean; assignee: boolean; member: boolean }

async function standingOn(deps: DocumentDeps, tenant: string, caller: Caller, doc: IncomingDocument): Promise<Standing> {
  const units = await actingUnits(deps, tenant, caller);
  const admin = hasRole(caller, 'tenant-admin');
  const member = units.includes(doc.unit);
  const desk = admin || (hasRole(caller, 'clerk', 'leader') && member);
  const a = doc.assignment;
  const assignee = !!a && (a.userId === caller.id || (!!a.unit && units.includes(a.unit) && hasRole(caller, 'officer', 'clerk', 'leader')) || (hasRole(caller, 'leader') && member));
  return { desk, assignee, member };
}

/** The copy with the caller's standing; for anyone with none it does not exist. */
async function readableWithStanding(deps: DocumentDeps, tenant: string, caller: Caller, id: string): Promise<{ doc: IncomingDocument; standing: Standing }> {
  const doc = await deps.store.getIncoming(tenant, id);
  if (!doc) throw incomingNotFound();
  const standing = await standingOn(deps, tenant, caller, doc);
  if (!standing.desk && !standing.assignee && !standing.member) throw incomingNotFound();
  return { doc, standing };
}

export async function readableIncoming(deps: DocumentDeps, tenant: string, caller: Caller, id: string): Promise<IncomingDocument> {
  return (await readableWithStanding(deps, tenant, caller, id)).doc;
}

export async function box(deps: DocumentDeps, tenant: string, caller: Caller, q: { unit?: string; limit: number; cursor?: string }) {
  const unit = q.unit ?? caller.unit ?? '';
  await requireUnit(deps, tenant, caller, [unit], ['clerk', 'leader', 'officer']);
  const page = await deps.store.query({ index: 'gsi1', pk: keys.inboxPk(tenant, unit), forward: true, limit: q.limit, cursor: q.cursor });
  return { items: page.items.map(listRow), cursor: page.cursor };
}

export async function outbox(deps: DocumentDeps, tenant: string, caller: Caller, q: { unit?: string; limit: number; cursor?: string }) {
  const unit = q.unit ?? caller.unit ?? '';
  await requireUnit(deps, tenant, caller, [unit], ['clerk', 'leader', 'officer']);
  const page = await deps.store.query({ index: 'gsi1', pk: keys.outboxPk(tenant, unit), forward: false, limit: q.limit, cursor: q.cursor });
  return { items: page.items.map(listRow), cursor: page.cursor };
}

async function statusOf(deps: DocumentDeps, tenant: string, doc: IncomingDocument, code: ExchangeStatus, at: string, caller: Caller, description?: string): Promise<StatusMessage> {
  const unit = await deps.directory.unit(tenant, doc.unit);
  return {
    incomingId: doc.id, seq: doc.version, code, at, agency: doc.unit, unitName: unit?.name ?? doc.unit,
    staff: caller.name ?? (await deps.directory.official(tenant, caller.id))?.name ?? caller.email,
    ...(description ? { description } : {}), documentId: doc.documentId, fromAgency: doc.from.agency, source: doc.source,
  };
}

/** The sender in this province sees the status at once; the stream's copy of the same status is then a no-op. */
export async function sendBackLocally(deps: DocumentDeps, tenant: string, m: StatusMessage): Promise<void> {
  if (m.source.route !== 'local' || !m.source.documentRef) return;
  await applyStatus(deps, tenant, m.source.documentRef, m.agency, traceEntry(m.code, m.at, `${m.incomingId}.${m.seq}`, { unit: m.unitName, staff: m.staff, description: m.description }));
}

export async function act(deps: DocumentDeps, tenant: string, caller: Caller, id: string, input: IncomingAction): Promise<IncomingDocument> {
  const { doc, standing } = await readableWithStanding(deps, tenant, caller, id);
  const rule = INCOMING_TRANSITIONS[input.action];
  if (rule.by === 'desk' ? !standing.desk : !standing.assignee) throw rule.by === 'desk' ? forbidden('NOT_YOUR_UNIT', T.notYourUnit.vi, T.notYourUnit.en) : notAssigned();
  if (!rule.from.includes(doc.status)) throw conflict('ACTION_NOT_ALLOWED', T.wrongStatus.vi, T.wrongStatus.en, { status: doc.status, action: input.action });
  if (doc.version !== input.version) throw versionConflict();
  if (input.action === 'assign' && input.unit && !(await deps.directory.unit(tenant, input.unit))) {
    throw badRequest('UNKNOWN_UNIT', T.unknownUnit.vi, T.unknownUnit.en, { field: 'unit', code: input.unit });
  }

  for (let attempt = 0; attempt < 25; attempt++) {
    const now = deps.clock();
    const at = toVietnamIso(now);
    const note = 'note' in input ? input.note : undefined;
    const description = input.action === 'refuse' ? input.reason : note;
    let next: IncomingDocument = {
      ...doc, version: doc.version + 1, status: rule.to, statusLabel: EXCHANGE_STATUSES[rule.to].vi, updatedAt: at,
      history: [...doc.history, { at, action: input.action, by: actor(caller), ...(description ? { details: { note: description } } : {}) }],
    };
    const extra: TransactItem[] = [];
    if (input.action === 'assign') {
      next.assignment = {
        ...(input.unit ? { unit: input.unit } : {}), ...(input.userId ? { userId: input.userId } : {}),
        ...(input.deadline ? { deadline: input.deadline } : {}), ...(input.note ? { note: input.note } : {}), by: actor(caller), at,
      };
    }
    let last = 0;
    if (input.action === 'register') {
      const year = vietnamYear(now);
      last = await deps.store.counter(tenant, doc.unit, 'in', year);
      next = { ...next, arrivalNumber: last + 1, registeredAt: at, year };
      extra.push(deps.store.counterStep(keys.counter(tenant, doc.unit, 'in', year), last));
      if (doc.confidentiality === 'thuong') {
        for (const e of searchEntries(tenant, { id: doc.id, kind: 'incoming', numberSymbol: doc.numberSymbol, type: doc.type, subject: doc.subject, agency: doc.from.agency, agencyName: doc.from.name, date: doc.issuedAt.slice(0, 10) })) {
          extra.push(deps.store.put(e));
        }
      }
    }
    const status = await statusOf(deps, tenant, doc, rule.to, at, caller, description);
    const ok = await deps.store.write([
      deps.store.putIfVersion(incomingItem(tenant, next), doc.version),
      deps.store.putNew(statusItem(tenant, status)),
      ...extra,
    ]);
    if (ok) {
      await sendBackLocally(deps, tenant, status);
      return next;
    }
    const current = await deps.store.getIncoming(tenant, id);
    if (input.action !== 'register' || !current || current.version !== doc.version) throw versionConflict();
    // Lost the arrival number to another document of the unit: take the next one.
  }
  throw conflict('BUSY_REGISTER', 'Sổ văn bản đang bận, vui lòng thử lại.', 'The register is busy; try again.');
}

/** The recipient's answer to a recall/update/replace: 14 (agree, and it takes effect here) or 16 (refuse). */
export async function answerRevision(deps: DocumentDeps, tenant: string, caller: Caller, id: string, input: z.infer<typeof RevisionAnswer>): Promise<IncomingDocument> {
  const { doc, standing } = await readableWithStanding(deps, tenant, caller, id);
  if (!standing.desk) throw forbidden('NOT_YOUR_UNIT', T.notYourUnit.vi, T.notYourUnit.en);
  const revision = doc.pendingRevision;
  if (!revision) throw conflict('NO_REVISION_PENDING', T.noRevisionPending.vi, T.noRevisionPending.en);
  if (doc.version !== input.version) throw versionConflict();
  const at = toVietnamIso(deps.clock());
  const code = input.agree ? '14' : '16';
  const applied: Partial<IncomingDocument> = !input.agree ? {}
    : revision.business === 'recall' ? { recalled: true }
      : revision.business === 'update' ? { ...(revision.subject ? { subject: revision.subject } : {}), ...(revision.replyBy ? { replyBy: revision.replyBy } : {}) }
        : { replacedBy: revision.replacement?.documentId };
  const { pendingRevision: _answered, ...rest } = doc;
  const next: IncomingDocument = {
    ...rest, ...applied, version: doc.version + 1, updatedAt: at,
    revisions: [...doc.revisions, { ...revision, answer: code }],
    history: [...doc.history, { at, action: input.agree ? 'accept-revision' : 'refuse-revision', by: actor(caller), ...(input.note ? { details: { note: input.note } } : {}) }],
  };
  const status = await statusOf(deps, tenant, doc, code, at, caller, input.note);
  const ok = await deps.store.write([
    deps.store.putIfVersion(incomingItem(tenant, next), doc.version),
    deps.store.putNew(statusItem(tenant, status)),
  ]);
  if (!ok) throw versionConflict();
  await sendBackLocally(deps, tenant, status);
  return next;
}

/** The latest status of an incoming document as it was sent back (its STATUS items), for the edXML status export. */
export async function latestStatus(deps: DocumentDeps, tenant: string, doc: IncomingDocument): Promise<StatusMessage> {
  const items = await deps.store.query({ pk: keys.incoming(tenant, doc.id).pk, from: 'STATUS#', to: 'STATUS#\uffff', forward: false, limit: 1 });
  const item = items.items[0];
  if (item) {
    const { pk: _pk, sk: _sk, ...m } = item;
    return m as unknown as StatusMessage;
  }
  const unit = await deps.directory.unit(tenant, doc.unit);
  return {
    incomingId: doc.id, seq: 0, code: doc.status, at: doc.updatedAt, agency: doc.unit, unitName: unit?.name ?? doc.unit, staff: 'Hệ thống',
    documentId: doc.documentId, fromAgency: doc.from.agency, source: doc.source,
  };
}

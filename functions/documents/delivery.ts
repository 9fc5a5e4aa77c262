// Delivery inside the tenant and the status feedback: each recipient of an issued document gets a trace line; a
// recipient of this province receives an incoming copy at once; statuses come back into the trace. Every step is
// keyed so that doing it twice (a retry, a stream record delivered again) does it once.
import { createHash } from 'node:crypto';
import { toVietnamIso } from '#shared/clock';
import { findTenant } from '#shared/tenancy';
import { provinceOfAgency } from '#shared/exchange';
import { eachLimit } from '#shared/pool';
import { documentType } from './catalog';
import type { DocumentDeps } from './deps';
import type { IncomingDocument, OutgoingDocument, RecipientTrace, RevisionEntry, TraceEntry } from './schemas';
import { EXCHANGE_STATUSES, type ExchangeStatus } from './status';
import { incomingItem, keys, traceItem, type TransactItem } from './store';
import { DOCUMENT_TEXT as T } from './text';

/** How many recipients a document is delivered to at once, in this tenant and towards the hub. */
export const FAN_OUT = 10;

export type StoredTrace = RecipientTrace & { version: number };

/** A stable UUID for what must exist once (an incoming copy of one document for one recipient). */
export function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const isLocalAgency = (tenant: string, agency: string) => provinceOfAgency(findTenant(tenant)?.rootAgency ?? '') === provinceOfAgency(agency);

const labelOf = (state: RecipientTrace['state']) =>
  state === 'pending' ? 'Đang gửi' : state === 'failed' ? 'Gửi không thành công' : EXCHANGE_STATUSES[state].vi;

/** The trace after a status: history in time order, the state of the latest; unchanged when the entry is known. */
export function withStatus(trace: StoredTrace, entry: TraceEntry): StoredTrace | undefined {
  if (trace.history.some((h) => h.id === entry.id)) return undefined;
  const history = [...trace.history, entry].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const latest = history.at(-1)!;
  return { ...trace, version: trace.version + 1, history, state: latest.code, label: labelOf(latest.code), updatedAt: latest.at };
}

export function traceEntry(code: ExchangeStatus | 'failed', at: string, id: string, who: { unit?: string; staff?: string; description?: string }): TraceEntry {
  return { code, label: code === 'failed' ? labelOf('failed') : EXCHANGE_STATUSES[code].vi, at, id, ...who };
}

/** Every recipient's trace line, written once (a line already there is kept as it is). */
export async function ensureTraces(deps: DocumentDeps, tenant: string, doc: OutgoingDocument): Promise<StoredTrace[]> {
  const existing = new Map((await deps.store.traces(tenant, doc.id)).map((t) => [t.agency, t]));
  const missing = doc.recipients.filter((r) => !existing.has(r.agency));
  await Promise.all(missing.map(async (r) => {
    const trace: StoredTrace = {
      agency: r.agency, copy: r.copy, route: isLocalAgency(tenant, r.agency) ? 'local' : 'hub', state: 'pending', label: labelOf('pending'),
      updatedAt: doc.issuedAt!, history: [], version: 1,
    };
    await deps.store.putIfAbsent(traceItem(tenant, doc.id, trace));
  }));
  return missing.length ? deps.store.traces(tenant, doc.id) : [...existing.values()];
}

/** Applies a status to a recipient's trace line; idempotent by the entry's id, safe against concurrent statuses. */
export async function applyStatus(deps: DocumentDeps, tenant: string, docId: string, agency: string, entry: TraceEntry): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const trace = await deps.store.get<StoredTrace>(keys.trace(tenant, docId, agency));
    if (!trace) return false;
    const next = withStatus(trace, entry);
    if (!next) return true;
    if (await deps.store.write([putTrace(deps, tenant, docId, next, trace.version)])) return true;
  }
  throw new Error(`Trace ${docId}/${agency} kept changing`);
}

const putTrace = (deps: DocumentDeps, tenant: string, docId: string, trace: StoredTrace, expected: number): TransactItem =>
  deps.store.putIfVersion(traceItem(tenant, docId, trace), expected);

/** The incoming copy a recipient unit keeps of an outgoing document. */
export function incomingCopy(doc: OutgoingDocument, fromTenant: string, fromName: string, recipient: { agency: string; copy: 'main' | 'info' }, at: string, id: string, route: 'local' | 'hub' | 'import'): IncomingDocument {
  return {
    id, kind: 'incoming', version: 1, status: '01', statusLabel: EXCHANGE_STATUSES['01'].vi, unit: recipient.agency,
    from: { agency: doc.issuingUnit.code, name: fromName, tenant: fromTenant },
    documentId: doc.documentId!, numberSymbol: doc.numberSymbol!, issuedAt: doc.issuedAt!,
    type: doc.type, typeName: documentType(doc.type)?.name ?? doc.typeName, subject: doc.subject,
    signer: { name: doc.signer.name, position: doc.signer.position, ...(doc.signer.authority ? { authority: doc.signer.authority } : {}) },
    urgency: doc.urgency, confidentiality: doc.confidentiality, ...(doc.replyBy ? { replyBy: doc.replyBy } : {}), copy: recipient.copy,
    files: [doc.signedFile ?? doc.mainFile, ...doc.annexes],
    arrivedAt: at, revisions: [], source: { route, tenant: fromTenant, documentRef: doc.id },
    updatedAt: at, history: [{ at, action: 'arrive', by: { id: 'system' } }],
  };
}

/**
 * Files a copy for a recipient of this province and records 01 (arrived) in its trace, in one transaction. An
 * unknown agency fails the line with the reason. Already delivered: nothing happens.
 */
export async function deliverLocal(deps: DocumentDeps, tenant: string, doc: OutgoingDocument, trace: StoredTrace): Promise<void> {
  if (trace.state !== 'pending') return;
  const now = toVietnamIso(deps.clock());
  const unit = await deps.directory.unit(tenant, trace.agency);
  if (!unit) {
    await applyStatus(deps, tenant, doc.id, trace.agency, traceEntry('failed', now, 'delivery', { description: T.unknownAgency.vi }));
    return;
  }
  const id = stableId(tenant, doc.id, trace.agency);
  const incoming = incomingCopy(doc, tenant, doc.issuingUnit.name, trace, now, id, 'local');
  const arrived = withStatus(trace, traceEntry('01', now, `${id}.01`, { unit: unit.name, staff: 'Hệ thống' }))!;
  const ok = await deps.store.write([
    deps.store.putNew(incomingItem(tenant, incoming)),
    deps.store.put({ ...keys.edxml(tenant, doc.documentId!, `IN#${trace.agency}`), incomingId: id }),
    putTrace(deps, tenant, doc.id, arrived, trace.version),
  ]);
  if (!ok) {
    // Delivered meanwhile (a retry, the stream), or the trace moved on: record 01 if it is still missing.
    const fresh = await deps.store.get<StoredTrace>(keys.trace(tenant, doc.id, trace.agency));
    if (fresh?.state === 'pending' && (await deps.store.getIncoming(tenant, id))) {
      await applyStatus(deps, tenant, doc.id, trace.agency, traceEntry('01', now, `${id}.01`, { unit: unit.name, staff: 'Hệ thống' }));
    }
  }
}

/** A revision (recall/update/replace) reaching a local recipient: it is asked (13) and must answer 14 or 16. */
export async function reviseLocal(deps: DocumentDeps, tenant: string, doc: OutgoingDocument, trace: StoredTrace, index: number, revision: RevisionEntry): Promise<void> {
  const entryId = `${doc.id}.rev${index}`;
  if (trace.history.some((h) => h.id === entryId)) return;
  const incomingId = stableId(tenant, doc.id, trace.agency);
  await askRecipient(deps, tenant, incomingId, revision);
  await applyStatus(deps, tenant, doc.id, trace.agency, traceEntry('13', revision.at, entryId, { unit: doc.issuingUnit.name, staff: revision.by.name, description: revision.reason }));
}

/** Puts the revision request on the incoming copy (once per revision), whatever its status. */
export async function askRecipient(deps: DocumentDeps, tenant: string, incomingId: string, revision: RevisionEntry): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const incoming = await deps.store.getIncoming(tenant, incomingId);
    if (!incoming) return false;
    if (incoming.pendingRevision?.at === revision.at || incoming.revisions.some((r) => r.at === revision.at)) return true;
    const next: IncomingDocument = {
      ...incoming, version: incoming.version + 1, pendingRevision: revision, updatedAt: toVietnamIso(deps.clock()),
      history: [...incoming.history, { at: revision.at, action: `request-${revision.business}`, by: { id: 'system' }, details: { reason: revision.reason } }],
    };
    const ok = await deps.store.write([deps.store.putIfVersion(incomingItem(tenant, next), incoming.version)]);
    if (ok) return true;
  }
  throw new Error(`Incoming ${incomingId} kept changing`);
}

/** Everything an issued (or revised) document still owes its local recipients; hub recipients are the dispatcher's. */
export async function deliverAll(deps: DocumentDeps, tenant: string, doc: OutgoingDocument): Promise<StoredTrace[]> {
  if (!doc.issuedAt) return [];
  const traces = await ensureTraces(deps, tenant, doc);
  await eachLimit(traces.filter((t) => t.route === 'local'), FAN_OUT, async (trace) => {
    await deliverLocal(deps, tenant, doc, trace);
    for (const [index, revision] of doc.revisions.entries()) {
      const fresh = (await deps.store.get<StoredTrace>(keys.trace(tenant, doc.id, trace.agency)))!;
      if (fresh.state !== 'failed') await reviseLocal(deps, tenant, doc, fresh, index, revision);
    }
  });
  return deps.store.traces(tenant, doc.id);
}

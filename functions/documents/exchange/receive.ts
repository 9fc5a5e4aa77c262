// What arrives from another province (through the hub) or from an outside system (the import route): a signed edXML
// message filed as an incoming document for each addressed unit of this tenant, or a status applied to the trace
// of a document we sent. Keyed by DocumentId and recipient, so the same message twice is filed once.
import { createHash } from 'node:crypto';
import { toVietnamIso } from '#shared/clock';
import { badRequest, conflict, notFound } from '#shared/errors';
import { applyStatus, askRecipient, stableId, traceEntry } from '../delivery';
import { EdxmlError, kindOfEdxml, openSignedStatusEdxml, type EdxmlMessage } from '../edxml/index';
import { signatureCheck } from '../files';
import type { IncomingDocument } from '../schemas';
import { incomingItem, keys } from '../store';
import { DOCUMENT_TEXT as T } from '../text';
import type { StatusMessage } from '../incoming';
import { statusItem } from '../incoming';
import type { ExchangeDeps } from './outbound';
import { incomingFromEdxml, revisionOf } from './mapping';
import { openSignedEdxmlOnce } from './opened';

export type Received =
  | { kind: 'document'; filed: { unit: string; id: string; duplicate: boolean }[]; unknown: string[] }
  | { kind: 'status'; docId: string };

/** 400 with the reason for anything wrong with the envelope itself (structure, signature). */
function open<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof EdxmlError) {
      const signature = err.code === 'BAD_SIGNATURE' || err.code === 'UNSIGNED';
      throw badRequest(signature ? 'EDXML_BAD_SIGNATURE' : 'EDXML_INVALID', `${(signature ? T.badSignature : T.badEdxml).vi} ${err.message}`, (signature ? T.badSignature : T.badEdxml).en, { code: err.code, reason: err.message });
    }
    throw err;
  }
}

export async function receiveEdxml(deps: ExchangeDeps, tenant: string, xml: string, source: IncomingDocument['source'], only?: string): Promise<Received> {
  const kind = open(() => kindOfEdxml(xml));
  if (kind === 'status') {
    const { status } = open(() => openSignedStatusEdxml(xml));
    const ref = await deps.store.get<{ docId: string }>(keys.edxml(tenant, status.responseFor.documentId, 'OUT'));
    if (!ref) throw notFound('STATUS_FOR_UNKNOWN_DOCUMENT', T.unknownStatus.vi, T.unknownStatus.en);
    const id = source.envelopeId ?? `import.${createHash('sha256').update(xml).digest('hex').slice(0, 32)}`;
    await applyStatus(deps, tenant, ref.docId, status.from.organId, traceEntry(status.statusCode as never, status.timestamp, id, {
      unit: status.from.organName, staff: status.staff.staff, description: status.description,
    }));
    return { kind: 'status', docId: ref.docId };
  }
  const { message } = open(() => openSignedEdxmlOnce(xml));
  const addressed = message.to.map((o) => o.organId).filter((a) => !only || a === only);
  const units = await Promise.all(addressed.map(async (a) => ({ agency: a, unit: await deps.directory.unit(tenant, a) })));
  const known = units.filter((u) => u.unit).map((u) => u.agency);
  const unknown = units.filter((u) => !u.unit).map((u) => u.agency);
  if (!known.length) return { kind: 'document', filed: [], unknown };
  const revision = revisionOf(message);
  const filed = [];
  for (const agency of known) {
    const id = stableId(tenant, 'edxml', message.from.organId, message.documentId, agency);
    if (revision) {
      const asked = await askRecipient(deps, tenant, id, revision);
      filed.push({ unit: agency, id, duplicate: !asked });
    } else {
      filed.push({ unit: agency, id, duplicate: !(await fileMessage(deps, tenant, message, agency, id, source)) });
    }
  }
  return { kind: 'document', filed, unknown };
}

/**
 * Files one copy with its attachments in the tenant's bucket and sends back 01; false when it was already filed. A
 * unit keeps one copy per DocumentId, however it came (delivered in the province, through the hub, imported): the
 * DocumentId's reference is put only where there is none.
 */
async function fileMessage(deps: ExchangeDeps, tenant: string, message: EdxmlMessage, agency: string, id: string, source: IncomingDocument['source']): Promise<boolean> {
  const reference = keys.edxml(tenant, message.documentId, `IN#${agency}`);
  if (await deps.store.getIncoming(tenant, id) || await deps.store.get(reference)) return false;
  const check = signatureCheck(deps, tenant);
  // Each attachment is stored and its PDF signatures checked from the bytes in hand, all at once: the message's
  // size limit bounds how many there are, and none waits for another's upload.
  const files: IncomingDocument['files'] = await Promise.all(message.attachments.map(async (a) => {
    const key = `${tenant}/documents/incoming/${id}/${a.contentId.replace(/^cid:/, '')}`;
    const file = { key, fileName: a.name, contentType: a.contentType, size: a.data.length, sha256: createHash('sha256').update(a.data).digest('hex') };
    const [{ versionId }, checked] = await Promise.all([deps.files.write(key, a.data, a.contentType), check(file, a.data)]);
    return { ...checked, ...(versionId ? { versionId } : {}) };
  }));
  const at = toVietnamIso(deps.clock());
  const incoming = incomingFromEdxml(message, agency, id, at, files, source);
  const unit = await deps.directory.unit(tenant, agency);
  const status: StatusMessage = {
    incomingId: id, seq: 0, code: '01', at, agency, unitName: unit?.name ?? agency, staff: 'Hệ thống', documentId: message.documentId,
    fromAgency: message.from.organId, source,
  };
  return deps.store.write([
    deps.store.putNew(incomingItem(tenant, incoming)),
    deps.store.putNew({ ...reference, incomingId: id }),
    // Only a hub sender can be told: an imported document's sender is an outside system that asks for its statuses.
    ...(source.route === 'hub' ? [deps.store.put(statusItem(tenant, status))] : []),
  ]);
}

/** The import route: a document for this tenant's units (409 when every copy was already filed), or a status. */
export async function importEdxml(deps: ExchangeDeps, tenant: string, xml: string) {
  const received = await receiveEdxml(deps, tenant, xml, { route: 'import' });
  if (received.kind === 'status') return { kind: 'status' as const, id: received.docId };
  if (!received.filed.length) throw badRequest('NOT_A_RECIPIENT', T.notRecipient.vi, T.notRecipient.en, { unknown: received.unknown });
  if (received.filed.every((f) => f.duplicate)) throw conflict('DUPLICATE_DOCUMENT', T.duplicate.vi, T.duplicate.en, { ids: received.filed.map((f) => f.id) });
  const first = received.filed.find((f) => !f.duplicate)!;
  return { kind: 'document' as const, id: first.id, unit: first.unit };
}

// What leaves the tenant through the hub: an issued (or revised) document for the recipients of other provinces, as
// one signed edXML object shared by all of them and one envelope each; and the statuses its recipients send back.
import { toVietnamIso } from '#shared/clock';
import { eachLimit } from '#shared/pool';
import type { EdxmlSigner } from '../edxml/index';
import { buildEdxml, buildStatusEdxml, signEdxml } from '../edxml/index';
import type { DocumentDeps } from '../deps';
import { applyStatus, ensureTraces, FAN_OUT, traceEntry, type StoredTrace } from '../delivery';
import type { StatusMessage } from '../incoming';
import type { OutgoingDocument, RevisionEntry } from '../schemas';
import { keys, traceItem } from '../store';
import type { Hub } from '#shared/exchange-hub';
import { statusToEdxml, toEdxml } from './mapping';

export interface ExchangeDeps extends DocumentDeps {
  hub: Hub;
  signer: () => Promise<EdxmlSigner>;
}

/** The signed edXML of a document (with its files in Base64), as it is exported and sent. */
export async function signedDocumentEdxml(deps: ExchangeDeps, tenant: string, doc: OutgoingDocument, revision?: RevisionEntry): Promise<string> {
  const files = [doc.signedFile ?? doc.mainFile, ...doc.annexes];
  const attachments = await Promise.all(files.map(async (f, i) => ({ contentId: `cid:${i + 1}`, name: f.fileName, contentType: f.contentType, data: await deps.files.read(f) })));
  return signEdxml(buildEdxml(toEdxml(tenant, doc, attachments, revision)), await deps.signer());
}

export const signedStatusEdxml = async (deps: ExchangeDeps, m: StatusMessage) => signEdxml(buildStatusEdxml(statusToEdxml(m)), await deps.signer());

/** Envelope ids say what they carry, so a failure coming back names the document and the recipient. */
export const documentEnvelopeId = (docId: string, revision: number, agency: string) => `${docId}.r${revision}.${agency}`;
export function parseDocumentEnvelopeId(id: string): { docId: string; agency: string } | undefined {
  const m = /^([0-9a-f-]{36})\.r\d+\.(.+)$/.exec(id);
  return m ? { docId: m[1]!, agency: m[2]! } : undefined;
}

/** Sends what the hub recipients of a document have not had yet: the document, then each revision in order. */
export async function sendToHub(deps: ExchangeDeps, tenant: string, doc: OutgoingDocument): Promise<void> {
  if (!doc.issuedAt) return;
  const traces = (await ensureTraces(deps, tenant, doc)).filter((t) => t.route === 'hub' && t.state !== 'failed');
  if (!traces.length) return;
  const stages: (RevisionEntry | undefined)[] = [undefined, ...doc.revisions];
  for (const [stage, revision] of stages.entries()) {
    const waiting = traces.filter((t) => (t.sentStages ?? 0) <= stage);
    if (!waiting.length) continue;
    const objectKey = `${tenant}/documents/${doc.id}/${stage}.xml`;
    await deps.hub.putObject(objectKey, await signedDocumentEdxml(deps, tenant, doc, revision));
    // One recipient's envelope and trace line do not depend on another's: put them FAN_OUT at a time. A stage is
    // complete before the next one starts, so a revision's envelope never goes out before its document's.
    await eachLimit(waiting, FAN_OUT, async (trace) => {
      await deps.hub.putEnvelope({
        id: documentEnvelopeId(doc.id, stage, trace.agency), channel: 'documents', kind: 'document', fromTenant: tenant,
        fromAgency: doc.issuingUnit.code, toAgency: trace.agency, objectKey, createdAt: toVietnamIso(deps.clock()),
      });
      await markSent(deps, tenant, doc, trace.agency, stage, revision);
    });
  }
}

/** Records on the trace line that a stage went to the hub (and, for a revision, that the recipient was asked: 13). */
async function markSent(deps: ExchangeDeps, tenant: string, doc: OutgoingDocument, agency: string, stage: number, revision?: RevisionEntry) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const trace = await deps.store.get<StoredTrace & { sentStages?: number }>(keys.trace(tenant, doc.id, agency));
    if (!trace || (trace.sentStages ?? 0) > stage) return;
    const next = { ...trace, version: trace.version + 1, sentStages: stage + 1, ...(stage === 0 ? { sentAt: toVietnamIso(deps.clock()) } : {}) };
    const ok = await deps.store.write([deps.store.putIfVersion(traceItem(tenant, doc.id, next), trace.version)]);
    if (ok) break;
  }
  if (revision) {
    await applyStatus(deps, tenant, doc.id, agency, traceEntry('13', revision.at, `${doc.id}.rev${stage - 1}`, { unit: doc.issuingUnit.name, staff: revision.by.name, description: revision.reason }));
  }
}

/** A recipient's status about a document of another province goes back through the hub, signed. */
export async function sendStatusToHub(deps: ExchangeDeps, tenant: string, m: StatusMessage): Promise<void> {
  await deps.hub.putEnvelope({
    id: `${m.incomingId}.s${m.seq}`, channel: 'documents', kind: 'status', fromTenant: tenant, fromAgency: m.agency, toAgency: m.fromAgency,
    body: await signedStatusEdxml(deps, m), createdAt: m.at,
  });
}

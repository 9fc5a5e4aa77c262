// Lambda entry of the documents service (văn bản, liên thông văn bản).
import { notFound } from '#shared/errors';
import { httpHandler, rawResponse } from '#shared/http/handler';
import { powertoolsIdempotency } from '#shared/http/idempotency';
import { deliverAll } from './delivery';
import { fileLink } from './downloads';
import { importEdxml } from './exchange/receive';
import { signedDocumentEdxml, signedStatusEdxml } from './exchange/outbound';
import * as incoming from './incoming';
import * as outgoing from './outgoing';
import { registerCsv, registerHtml, registerRows } from './registers';
import { documentsRoutes } from './routes';
import { search } from './search';
import { listTasks } from './tasks';
import { getTrustedCas, putTrustedCas } from './trusted';
import { incomingWithCurrentVerdicts, outgoingWithCurrentVerdicts } from './verdicts';
import { documentsFromEnv } from './wiring';
import { DOCUMENT_TEXT as T } from './text';

const deps = documentsFromEnv();

export const handler = httpHandler('documents', documentsRoutes, {
  createDocument: ({ tenant, caller, body }) => outgoing.create(deps, tenant, caller, body),
  outgoingBox: ({ tenant, caller, query }) => incoming.outbox(deps, tenant, caller, query),
  getDocument: async ({ tenant, caller, params }) => outgoingWithCurrentVerdicts(deps, tenant, await outgoing.readable(deps, tenant, caller, params.id)),
  getDocumentFile: async ({ tenant, caller, params }) => fileLink(deps, await outgoing.readable(deps, tenant, caller, params.id), params.fileId),
  updateDraft: ({ tenant, caller, params, body }) => outgoing.updateDraft(deps, tenant, caller, params.id, body),
  approveDocument: ({ tenant, caller, params, body }) => outgoing.approve(deps, tenant, caller, params.id, body),
  async issueDocument({ tenant, caller, params, body }) {
    const doc = await outgoing.issue(deps, tenant, caller, params.id, body);
    // Recipients in this province receive at once; other provinces' go through the hub (the stream's dispatcher).
    await deliverAll(deps, tenant, doc);
    return doc;
  },
  async reviseDocument({ tenant, caller, params, body }) {
    const doc = await outgoing.revise(deps, tenant, caller, params.id, body);
    await deliverAll(deps, tenant, doc);
    return doc;
  },
  async traceDocument({ tenant, caller, params }) {
    const doc = await outgoing.readable(deps, tenant, caller, params.id);
    return { id: doc.id, numberSymbol: doc.numberSymbol, recipients: await deps.store.traces(tenant, doc.id) };
  },
  async exportEdxml({ tenant, caller, params }) {
    const doc = await outgoing.readable(deps, tenant, caller, params.id);
    if (!doc.issuedAt) throw notFound('NOT_ISSUED', T.notIssued.vi, T.notIssued.en);
    return rawResponse('application/xml', await signedDocumentEdxml(deps, tenant, doc), `${doc.id}.edxml`);
  },
  importEdxml: ({ tenant, body }) => importEdxml(deps, tenant, body),
  incomingBox: ({ tenant, caller, query }) => incoming.box(deps, tenant, caller, query),
  getIncoming: async ({ tenant, caller, params }) => incomingWithCurrentVerdicts(deps, tenant, await incoming.readableIncoming(deps, tenant, caller, params.id)),
  getIncomingFile: async ({ tenant, caller, params }) => fileLink(deps, await incoming.readableIncoming(deps, tenant, caller, params.id), params.fileId),
  actOnIncoming: ({ tenant, caller, params, body }) => incoming.act(deps, tenant, caller, params.id, body),
  answerRevision: ({ tenant, caller, params, body }) => incoming.answerRevision(deps, tenant, caller, params.id, body),
  async exportStatusEdxml({ tenant, caller, params }) {
    const doc = await incoming.readableIncoming(deps, tenant, caller, params.id);
    const latest = await incoming.latestStatus(deps, tenant, doc);
    return rawResponse('application/xml', await signedStatusEdxml(deps, latest), `${doc.id}.status.edxml`);
  },
  searchDocuments: ({ tenant, query }) => search(deps.store, tenant, query),
  async getRegister({ tenant, caller, params, query }) {
    const rows = await registerRows(deps, tenant, caller, params.unit, params.register, params.year, query.confidential === 'true');
    if (query.format === 'csv') return rawResponse('text/csv', registerCsv(params.register, rows), `so-${params.register}-${params.unit}-${params.year}.csv`);
    if (query.format === 'html') {
      const unit = await deps.directory.unit(tenant, params.unit);
      return rawResponse('text/html', registerHtml(params.register, unit?.name ?? params.unit, params.year, rows, deps.clock()));
    }
    return { unit: params.unit, register: params.register, year: params.year, rows };
  },
  listTasks: ({ tenant, caller, query }) => listTasks(deps, tenant, caller, query),
  getTrustedCas: ({ tenant }) => getTrustedCas(deps, tenant),
  putTrustedCas: ({ tenant, body }) => putTrustedCas(deps, tenant, body.pems),
}, powertoolsIdempotency());

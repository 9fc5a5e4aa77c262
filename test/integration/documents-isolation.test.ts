// Tenant isolation on every route of the documents service (functions/documents/routes.ts): with the ids of records
// that really exist in Nghệ An (a draft, an approved and an issued document, an incoming copy with a pending revision,
// a unit's register, an unclaimed upload) and requests Nghệ An's own officials could make, Quảng Trị's officer, clerk
// and tenant-admin get 403 or 404 and learn nothing, and nothing in Nghệ An changes. The table below is keyed by the
// route table itself: a route added without a request here fails the first test.
import { documentsRoutes } from '#functions/documents/routes';
import { createCa } from '../support/pki';
import { api, unique } from './support';
import { demoUser, incomingCopy, issuedDocument, NA, NA_OFFICE, NA_ROOT, pdfUpload, QT, type IssuedDocument } from './documents-support';

const NA_COMMUNE = '000.00.35.H41';
const SUBJECT = 'Về việc bảo đảm an toàn thông tin trên hệ thống văn bản điều hành';
/** What a foreign request would leave behind if it got through: a draft of this subject, this CA in the trusted list. */
const FOREIGN_SUBJECT = `Công văn gửi từ tỉnh khác ${unique()}`;
const FOREIGN_CA = createCa('CA của tỉnh khác');

type RouteName = keyof typeof documentsRoutes;
interface Ids {
  draft: { id: string; version: number };
  approved: { id: string; version: number };
  issued: IssuedDocument;
  incoming: { id: string; version: number };
  /** A file of the issued document (its signed PDF) and one of the incoming copy. */
  issuedFile: string;
  incomingFile: string;
  unusedUpload: string;
  edxml: string;
  year: number;
}
interface Call { params?: Record<string, string | number>; query?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }

/** For every route, a request that is valid and that Nghệ An's own officials could make on a real record. */
const REQUESTS: Record<RouteName, (ids: Ids) => Call> = {
  createDocument: (ids) => ({
    body: {
      type: 'cong-van', subject: FOREIGN_SUBJECT, draftingUnit: NA_OFFICE, urgency: 'thuong', signer: { name: 'Người lạ', position: 'Chủ tịch' },
      recipients: [{ agency: NA_COMMUNE }], mainUploadId: ids.unusedUpload,
    },
  }),
  outgoingBox: () => ({ query: `?unit=${NA_OFFICE}` }),
  getDocument: (ids) => ({ params: { id: ids.issued.id } }),
  getDocumentFile: (ids) => ({ params: { id: ids.issued.id, fileId: ids.issuedFile } }),
  updateDraft: (ids) => ({ params: { id: ids.draft.id }, body: { version: ids.draft.version, subject: 'Đã bị sửa từ tỉnh khác' } }),
  approveDocument: (ids) => ({ params: { id: ids.draft.id }, body: { version: ids.draft.version, signedUploadId: ids.unusedUpload } }),
  issueDocument: (ids) => ({ params: { id: ids.approved.id }, body: { version: ids.approved.version } }),
  reviseDocument: (ids) => ({ params: { id: ids.issued.id }, body: { business: 'recall', version: ids.issued.version, reason: 'Thu hồi từ tỉnh khác' } }),
  traceDocument: (ids) => ({ params: { id: ids.issued.id } }),
  exportEdxml: (ids) => ({ params: { id: ids.issued.id } }),
  importEdxml: (ids) => ({ rawBody: ids.edxml, headers: { 'content-type': 'application/xml' } }),
  incomingBox: () => ({ query: `?unit=${NA_COMMUNE}` }),
  getIncoming: (ids) => ({ params: { id: ids.incoming.id } }),
  getIncomingFile: (ids) => ({ params: { id: ids.incoming.id, fileId: ids.incomingFile } }),
  actOnIncoming: (ids) => ({ params: { id: ids.incoming.id }, body: { action: 'register', version: ids.incoming.version } }),
  answerRevision: (ids) => ({ params: { id: ids.incoming.id }, body: { version: ids.incoming.version, agree: true } }),
  exportStatusEdxml: (ids) => ({ params: { id: ids.incoming.id } }),
  searchDocuments: (ids) => ({ query: `?numberSymbol=${encodeURIComponent(ids.issued.numberSymbol)}` }),
  getRegister: (ids) => ({ params: { unit: NA_ROOT, register: 'outgoing', year: ids.year } }),
  listTasks: () => ({ query: `?scope=unit&unit=${NA_ROOT}` }),
  getTrustedCas: () => ({}),
  putTrustedCas: () => ({ body: { pems: [FOREIGN_CA.certPem] } }),
};

const pathOf = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(name === 'tenant' ? NA : params[name] ?? `{${name}}`));

/**
 * What Nghệ An's tenant-admin sees of everything the requests name, and of what they would have added: it must read
 * the same before and after. Only this test's records are compared (other test files work in Nghệ An meanwhile).
 */
async function nghean(ids: Ids) {
  const admin = await demoUser(NA, 'admin');
  const get = async (path: string) => {
    const res = await api('GET', path, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  };
  const [draft, approved, issued, trace, incoming, outbox, inbox, trusted] = await Promise.all([
    get(`/v1/${NA}/documents/${ids.draft.id}`), get(`/v1/${NA}/documents/${ids.approved.id}`), get(`/v1/${NA}/documents/${ids.issued.id}`),
    get(`/v1/${NA}/documents/${ids.issued.id}/trace`), get(`/v1/${NA}/incoming/${ids.incoming.id}`),
    get(`/v1/${NA}/documents?unit=${NA_OFFICE}&limit=100`), get(`/v1/${NA}/incoming?unit=${NA_COMMUNE}&limit=100`),
    get(`/v1/${NA}/documents/trusted-cas`),
  ]);
  const brief = (d: { version: number; status: string; subject: string; number?: number; revisions: unknown[] }) =>
    ({ version: d.version, status: d.status, subject: d.subject, number: d.number, revisions: d.revisions });
  return {
    draft: brief(draft), approved: brief(approved), issued: brief(issued), trace,
    incoming: { version: incoming.version, status: incoming.status, pendingRevision: incoming.pendingRevision, revisions: incoming.revisions },
    foreignDrafts: outbox.items.filter((i: { subject: string }) => i.subject === FOREIGN_SUBJECT).length,
    // The copy delivered at issue, and no other (an import would have filed a second one).
    copies: inbox.items.filter((i: { numberSymbol: string }) => i.numberSymbol === ids.issued.numberSymbol).map((i: { id: string }) => i.id),
    foreignCaTrusted: trusted.items.some((c: { pem: string }) => c.pem.replace(/\s/g, '') === FOREIGN_CA.certPem.replace(/\s/g, '')),
  };
}

describe('another province on every documents route of Nghệ An', () => {
  let ids: Ids;
  let before: Awaited<ReturnType<typeof nghean>>;

  beforeAll(async () => {
    const clerk = await demoUser(NA, 'vanthu');
    const leader = await demoUser(NA, 'lanhdao');
    const admin = await demoUser(NA, 'admin');
    // An issued document with a copy in a commune, then an update, so that the copy waits for an answer (13).
    const issued = await issuedDocument([{ agency: NA_COMMUNE }], SUBJECT, 'cong-van');
    const revised = await api('POST', `/v1/${NA}/documents/${issued.id}/revisions`, { token: clerk, body: { business: 'update', version: issued.version, reason: 'Bổ sung nơi nhận', subject: `${SUBJECT} (bổ sung)` } });
    expect(revised.status).toBe(200);
    const copy = await incomingCopy(NA, NA_COMMUNE, issued.numberSymbol, admin);
    expect(copy.pendingRevision).toBeDefined();
    // A draft, and an approved document waiting for its number.
    const draftBody = { type: 'to-trinh', subject: 'Tờ trình dự thảo', draftingUnit: NA_OFFICE, urgency: 'thuong', signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch' }, recipients: [{ agency: NA_ROOT }] };
    const draft = await api('POST', `/v1/${NA}/documents`, { token: clerk, body: { ...draftBody, mainUploadId: await pdfUpload(NA, clerk, 'du-thao-1') } });
    const toApprove = await api('POST', `/v1/${NA}/documents`, { token: clerk, body: { ...draftBody, mainUploadId: await pdfUpload(NA, clerk, 'du-thao-2') } });
    const approved = await api('POST', `/v1/${NA}/documents/${toApprove.body.id}/approve`, { token: leader, body: { version: toApprove.body.version, signedUploadId: await pdfUpload(NA, leader, 'ban-ky', true) } });
    expect([draft.status, approved.status]).toEqual([201, 200]);
    ids = {
      draft: draft.body, approved: approved.body, issued: revised.body, incoming: copy,
      issuedFile: revised.body.signedFile.uploadId, incomingFile: copy.files[0].uploadId,
      unusedUpload: await pdfUpload(NA, clerk, 'chua-dung'),
      edxml: (await api('GET', `/v1/${NA}/documents/${issued.id}/edxml`, { token: clerk })).body,
      year: Number(issued.documentId.split(',')[1]!.slice(0, 4)),
    };
    before = await nghean(ids);
  }, 60_000);

  it('has a request for every route of the route table, and only for those', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(documentsRoutes).sort());
  });

  it.each(Object.keys(documentsRoutes) as RouteName[])('%s: 403 or 404 for Quảng Trị\'s officer, clerk and tenant-admin', async (name) => {
    const route = documentsRoutes[name];
    const request = REQUESTS[name];
    expect(request).toBeDefined(); // a route added without a request here
    const call = request(ids);
    const path = `${pathOf(route.path, call.params ?? {})}${call.query ?? ''}`;
    expect(path).not.toMatch(/\{/);
    for (const role of ['canbo', 'vanthu', 'admin'] as const) {
      const res = await api(route.method, path, { token: await demoUser(QT, role), body: call.body, rawBody: call.rawBody, headers: call.headers });
      expect({ role, status: [403, 404].includes(res.status) ? 'refused' : res.status }).toEqual({ role, status: 'refused' });
      // Nothing of the record in the answer: neither its subject nor its number.
      expect(JSON.stringify(res.body ?? '')).not.toContain(ids.issued.numberSymbol);
      expect(JSON.stringify(res.body ?? '')).not.toContain('bảo đảm an toàn thông tin');
    }
  });

  it.each((Object.keys(documentsRoutes) as RouteName[]).filter((name) => documentsRoutes[name].method === 'GET'))(
    '%s: the same request by Nghệ An\'s tenant-admin is answered (so the paths and ids above are real)', async (name) => {
      const call = REQUESTS[name](ids);
      const res = await api('GET', `${pathOf(documentsRoutes[name].path, call.params ?? {})}${call.query ?? ''}`, { token: await demoUser(NA, 'admin') });
      expect(res.status).toBe(200);
    },
  );

  it('left everything in Nghệ An as it was', async () => {
    expect(before).toMatchObject({ foreignDrafts: 0, copies: [ids.incoming.id], foreignCaTrusted: false });
    expect(await nghean(ids)).toEqual(before);
  });
});

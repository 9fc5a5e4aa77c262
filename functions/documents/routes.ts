// The documents service's HTTP routes: outgoing and incoming documents, trace, registers, search, tasks, edXML
// and the trusted CAs for PDF signatures. Declarations only: the catalog, the gateway and OpenAPI read them.
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import {
  Approve, BoxQuery, CreateDocument, DocumentFileParams, DocumentParams, FileLink, ImportResult, IncomingAction, IncomingDocument, Issue, OutgoingDocument, Page,
  PutTrustedCas, RegisterParams, RegisterQuery, Revise, RevisionAnswer, SearchPage, SearchQuery, Tasks, TasksQuery, TenantParams, Trace,
  TrustedCas, UpdateDraft,
} from './schemas';

const STAFF = ['clerk', 'officer', 'leader', 'tenant-admin'] as const;
/** An edXML envelope carries its files in Base64: up to the 6 MB a Lambda request takes. */
const EDXML_MAX_BYTES = 6 * 1024 * 1024;

export const documentsRoutes = defineRoutes({
  createDocument: {
    method: 'POST', path: '/v1/{tenant}/documents', access: STAFF, params: TenantParams, body: CreateDocument, response: OutgoingDocument,
    status: 201, idempotent: true, summary: 'Soạn dự thảo văn bản đi / Draft an outgoing document',
  },
  outgoingBox: {
    method: 'GET', path: '/v1/{tenant}/documents', access: STAFF, params: TenantParams, query: BoxQuery, response: Page,
    summary: 'Văn bản đi của đơn vị, mới nhất trước / A unit\'s outgoing documents, newest first',
  },
  getDocument: {
    method: 'GET', path: '/v1/{tenant}/documents/{id}', access: STAFF, params: DocumentParams, response: OutgoingDocument,
    summary: 'Xem văn bản đi / An outgoing document',
  },
  updateDraft: {
    method: 'PATCH', path: '/v1/{tenant}/documents/{id}', access: STAFF, params: DocumentParams, body: UpdateDraft, response: OutgoingDocument,
    summary: 'Sửa dự thảo / Edit a draft',
  },
  approveDocument: {
    method: 'POST', path: '/v1/{tenant}/documents/{id}/approve', access: ['leader', 'tenant-admin'], params: DocumentParams, body: Approve, response: OutgoingDocument,
    summary: 'Lãnh đạo duyệt, đính kèm bản PDF đã ký số / A leader approves, with the signed PDF',
  },
  issueDocument: {
    method: 'POST', path: '/v1/{tenant}/documents/{id}/issue', access: ['clerk', 'tenant-admin'], params: DocumentParams, body: Issue, response: OutgoingDocument,
    summary: 'Cấp số, vào sổ văn bản đi và phát hành / Number, register and send',
  },
  reviseDocument: {
    method: 'POST', path: '/v1/{tenant}/documents/{id}/revisions', access: ['clerk', 'leader', 'tenant-admin'], params: DocumentParams, body: Revise, response: OutgoingDocument,
    summary: 'Thu hồi, cập nhật hoặc thay thế văn bản đã phát hành / Recall, update or replace an issued document',
  },
  getDocumentFile: {
    method: 'GET', path: '/v1/{tenant}/documents/{id}/files/{fileId}', access: STAFF, params: DocumentFileParams, response: FileLink,
    summary: 'Tải một tệp của văn bản đi (dự thảo, bản ký số, phụ lục) / Download a file of an outgoing document (draft, signed PDF, annex)',
  },
  traceDocument: {
    method: 'GET', path: '/v1/{tenant}/documents/{id}/trace', access: STAFF, params: DocumentParams, response: Trace,
    summary: 'Tình trạng xử lý tại từng nơi nhận / Where each recipient\'s copy stands',
  },
  exportEdxml: {
    method: 'GET', path: '/v1/{tenant}/documents/{id}/edxml', access: STAFF, params: DocumentParams, response: z.string(), produces: ['application/xml'],
    summary: 'Gói tin edXML đã ký (QCVN 102:2016) / The signed edXML envelope',
  },
  importEdxml: {
    method: 'POST', path: '/v1/{tenant}/documents/import', access: ['clerk', 'tenant-admin'], params: TenantParams, body: z.string().min(1),
    bodyFormat: 'xml', maxBodyBytes: EDXML_MAX_BYTES, response: ImportResult, status: 201,
    summary: 'Nhận gói tin edXML (văn bản hoặc trạng thái) từ hệ thống ngoài / Receive an edXML envelope (document or status) from an outside system',
  },
  incomingBox: {
    method: 'GET', path: '/v1/{tenant}/incoming', access: STAFF, params: TenantParams, query: BoxQuery, response: Page,
    summary: 'Văn bản đến chưa xử lý xong, khẩn trước / Open incoming documents, most urgent first',
  },
  getIncoming: {
    method: 'GET', path: '/v1/{tenant}/incoming/{id}', access: STAFF, params: DocumentParams, response: IncomingDocument,
    summary: 'Xem văn bản đến / An incoming document',
  },
  getIncomingFile: {
    method: 'GET', path: '/v1/{tenant}/incoming/{id}/files/{fileId}', access: STAFF, params: DocumentFileParams, response: FileLink,
    summary: 'Tải một tệp của văn bản đến / Download a file of an incoming document',
  },
  actOnIncoming: {
    method: 'POST', path: '/v1/{tenant}/incoming/{id}/actions', access: STAFF, params: DocumentParams, body: IncomingAction, response: IncomingDocument,
    summary: 'Vào sổ, từ chối, phân công, xử lý, hoàn thành / Register, refuse, assign, start, complete',
  },
  answerRevision: {
    method: 'POST', path: '/v1/{tenant}/incoming/{id}/revision-answer', access: STAFF, params: DocumentParams, body: RevisionAnswer, response: IncomingDocument,
    summary: 'Trả lời đề nghị thu hồi/cập nhật (14 đồng ý, 16 từ chối) / Answer a recall or update (14 agree, 16 refuse)',
  },
  exportStatusEdxml: {
    method: 'GET', path: '/v1/{tenant}/incoming/{id}/status-edxml', access: STAFF, params: DocumentParams, response: z.string(), produces: ['application/xml'],
    summary: 'Gói tin trạng thái edXML mới nhất của văn bản đến / The latest status of an incoming document as an edXML status envelope',
  },
  searchDocuments: {
    method: 'GET', path: '/v1/{tenant}/documents/search', access: STAFF, params: TenantParams, query: SearchQuery, response: SearchPage,
    summary: 'Tìm văn bản theo số/ký hiệu, loại, cơ quan, ngày, trích yếu / Search documents',
  },
  getRegister: {
    method: 'GET', path: '/v1/{tenant}/registers/{unit}/{register}/{year}', access: STAFF, params: RegisterParams, query: RegisterQuery,
    response: z.object({ unit: z.string(), register: z.string(), year: z.number(), rows: z.array(z.record(z.string(), z.unknown())) }),
    produces: ['text/csv', 'text/html'],
    summary: 'Sổ đăng ký văn bản đi/đến (JSON, CSV, bản in) / The outgoing or incoming register (JSON, CSV, printable)',
  },
  listTasks: {
    method: 'GET', path: '/v1/{tenant}/tasks', access: STAFF, params: TenantParams, query: TasksQuery, response: Tasks,
    summary: 'Theo dõi nhiệm vụ: đang mở, sắp đến hạn, quá hạn / Tasks: open, due soon, overdue',
  },
  getTrustedCas: {
    method: 'GET', path: '/v1/{tenant}/documents/trusted-cas', access: STAFF, params: TenantParams, response: TrustedCas,
    summary: 'Danh sách CA tin cậy để kiểm tra chữ ký số / Trusted CAs for signature checks',
  },
  putTrustedCas: {
    method: 'PUT', path: '/v1/{tenant}/documents/trusted-cas', access: ['tenant-admin'], params: TenantParams, body: PutTrustedCas, response: TrustedCas,
    maxBodyBytes: 1024 * 1024, summary: 'Cập nhật danh sách CA tin cậy / Replace the trusted CAs',
  },
});

// Every text of the documents area, Vietnamese first (the vocabulary of Decree 30/2020 and QCVN 102:2016).
import { EXCHANGE_STATUSES } from '../../../functions/documents/status';
import type { Text } from '../core/i18n';

export const TEXT = {
  area: { vi: 'Văn bản', en: 'Documents' },
  areaNav: { vi: 'Văn bản: các mục', en: 'Documents: sections' },
  outbox: { vi: 'Văn bản đi', en: 'Outgoing' },
  inbox: { vi: 'Văn bản đến', en: 'Incoming' },
  compose: { vi: 'Soạn văn bản', en: 'New document' },
  tasks: { vi: 'Nhiệm vụ', en: 'Tasks' },
  searchTitle: { vi: 'Tìm văn bản', en: 'Search documents' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  notFound: { vi: 'Không có trang này.', en: 'No such page.' },

  // Lists
  numberSymbol: { vi: 'Số, ký hiệu', en: 'Number/symbol' },
  subject: { vi: 'Trích yếu', en: 'Summary' },
  type: { vi: 'Loại văn bản', en: 'Type' },
  status: { vi: 'Trạng thái', en: 'Status' },
  updated: { vi: 'Cập nhật', en: 'Updated' },
  issuedAt: { vi: 'Ngày ban hành', en: 'Issued' },
  arrivedAt: { vi: 'Ngày đến', en: 'Arrived' },
  arrivalNumber: { vi: 'Số đến', en: 'Arrival no.' },
  from: { vi: 'Cơ quan gửi', en: 'From' },
  urgency: { vi: 'Độ khẩn', en: 'Urgency' },
  confidentiality: { vi: 'Độ mật', en: 'Confidentiality' },
  noNumber: { vi: 'Chưa cấp số', en: 'Not numbered' },
  emptyOutbox: { vi: 'Đơn vị chưa có văn bản đi nào.', en: 'The unit has no outgoing documents.' },
  emptyInbox: { vi: 'Không có văn bản đến nào đang chờ xử lý.', en: 'No incoming documents are waiting.' },
  inboxLead: { vi: 'Văn bản đến chưa xử lý xong, khẩn trước.', en: 'Incoming documents still open, most urgent first.' },
  outboxLead: { vi: 'Văn bản do đơn vị soạn thảo, mới nhất trước.', en: 'Documents drafted by the unit, newest first.' },
  refresh: { vi: 'Làm mới', en: 'Refresh' },
  registerOut: { vi: 'Tải sổ văn bản đi năm nay (CSV)', en: 'Download this year\'s outgoing register (CSV)' },
  registerIn: { vi: 'Tải sổ văn bản đến năm nay (CSV)', en: 'Download this year\'s incoming register (CSV)' },

  // Search
  searchQ: { vi: 'Từ khóa trong trích yếu', en: 'Words of the summary' },
  searchQHint: { vi: 'Gõ có dấu hoặc không dấu đều được.', en: 'With or without diacritics.' },
  searchNumber: { vi: 'Số, ký hiệu văn bản', en: 'Number/symbol' },
  anyType: { vi: 'Mọi loại', en: 'Any type' },
  searchFrom: { vi: 'Từ ngày', en: 'From' },
  searchTo: { vi: 'Đến ngày', en: 'To' },
  searchNothing: { vi: 'Hãy nhập từ khóa, số ký hiệu hoặc chọn loại văn bản.', en: 'Enter words, a number or choose a type.' },
  noHits: { vi: 'Không tìm thấy văn bản nào.', en: 'No documents found.' },
  kindOutgoing: { vi: 'Đi', en: 'Outgoing' },
  kindIncoming: { vi: 'Đến', en: 'Incoming' },
  date: { vi: 'Ngày', en: 'Date' },
  agency: { vi: 'Cơ quan ban hành', en: 'Issuing body' },

  // Compose
  composeTitle: { vi: 'Soạn dự thảo văn bản đi', en: 'Draft an outgoing document' },
  editTitle: { vi: 'Sửa dự thảo', en: 'Edit the draft' },
  draftingUnit: { vi: 'Đơn vị soạn thảo', en: 'Drafting unit' },
  draftingHint: { vi: 'Văn bản nằm trong sổ văn bản đi của đơn vị này; cơ quan ban hành là cơ quan chủ quản nếu đơn vị là sở, ban.', en: 'The document is in this unit\'s outgoing box; a department\'s documents are issued by its parent body.' },
  signerName: { vi: 'Người ký', en: 'Signer' },
  signerPosition: { vi: 'Chức vụ người ký', en: 'Signer\'s position' },
  authority: { vi: 'Thẩm quyền ký', en: 'Signing authority' },
  authorityNone: { vi: 'Ký trực tiếp', en: 'Signs directly' },
  onBehalfOf: { vi: 'Thay mặt cho (sau TM.)', en: 'On behalf of (after TM.)' },
  replyBy: { vi: 'Hạn trả lời', en: 'Reply by' },
  recipients: { vi: 'Nơi nhận', en: 'Recipients' },
  recipientsHint: { vi: 'Chọn các đơn vị trong tỉnh, hoặc nhập mã định danh của cơ quan ở tỉnh khác (ví dụ 000.00.00.H55).', en: 'Choose units of the province, or type the code of an agency elsewhere (e.g. 000.00.00.H55).' },
  otherAgencies: { vi: 'Mã định danh cơ quan nhận khác', en: 'Codes of other recipient agencies' },
  otherAgenciesHint: { vi: 'Mỗi mã một dòng hoặc cách nhau bởi dấu phẩy.', en: 'One code a line, or separated by commas.' },
  badAgency: { vi: 'Mã định danh không đúng dạng 000.00.00.H00:', en: 'Not an agency code like 000.00.00.H00:' },
  forInfo: { vi: 'để biết', en: 'for information' },
  noRecipients: { vi: 'Hãy chọn ít nhất một nơi nhận.', en: 'Choose at least one recipient.' },
  mainFile: { vi: 'Tệp dự thảo (PDF)', en: 'Draft file (PDF)' },
  mainFileHint: { vi: 'Tệp chính của văn bản phải là PDF.', en: 'The main file must be a PDF.' },
  mainFileKept: { vi: 'Để trống để giữ tệp hiện tại.', en: 'Leave empty to keep the current file.' },
  annexes: { vi: 'Phụ lục, tài liệu kèm theo', en: 'Annexes' },
  needMain: { vi: 'Hãy tải lên tệp dự thảo PDF.', en: 'Upload the draft PDF.' },
  waitUploads: { vi: 'Hãy đợi các tệp tải lên xong.', en: 'Wait until the files are uploaded.' },
  saveDraft: { vi: 'Lưu dự thảo', en: 'Save the draft' },
  saved: { vi: 'Đã lưu dự thảo.', en: 'Draft saved.' },
  checkFields: { vi: 'Có thông tin chưa hợp lệ; xem các ô được đánh dấu.', en: 'Some details are not valid; see the marked fields.' },

  // Outgoing document page
  details: { vi: 'Thông tin văn bản', en: 'Details' },
  issuingUnit: { vi: 'Cơ quan ban hành', en: 'Issuing body' },
  attachments: { vi: 'Tệp đính kèm', en: 'Files' },
  fileMain: { vi: 'Dự thảo', en: 'Draft' },
  fileSigned: { vi: 'Bản đã ký số', en: 'Signed copy' },
  fileAnnex: { vi: 'Phụ lục', en: 'Annex' },
  fileRole: { vi: 'Loại tệp', en: 'Role' },
  fileName: { vi: 'Tên tệp', en: 'File' },
  fileSize: { vi: 'Dung lượng', en: 'Size' },
  signature: { vi: 'Chữ ký số', en: 'Signature' },
  download: { vi: 'Tải xuống', en: 'Download' },
  /** The download button's accessible name: `{name}` is the file's name. */
  downloadFile: { vi: 'Tải xuống: {name}', en: 'Download: {name}' },
  actions: { vi: 'Thao tác', en: 'Actions' },
  edit: { vi: 'Sửa dự thảo', en: 'Edit the draft' },
  approve: { vi: 'Duyệt và ký', en: 'Approve and sign' },
  approveTitle: { vi: 'Duyệt văn bản', en: 'Approve the document' },
  signedFile: { vi: 'Bản PDF đã ký số', en: 'The signed PDF' },
  signedFileHint: { vi: 'Tệp PDF đã được lãnh đạo ký số.', en: 'The PDF with the leader\'s digital signature.' },
  note: { vi: 'Ghi chú', en: 'Note' },
  approved: { vi: 'Đã duyệt văn bản.', en: 'The document is approved.' },
  issue: { vi: 'Cấp số và phát hành', en: 'Number and issue' },
  issueConfirm: { vi: 'Văn bản sẽ được cấp số tiếp theo của sổ văn bản đi và gửi tới tất cả nơi nhận. Tiếp tục?', en: 'The document gets the register\'s next number and is sent to every recipient. Continue?' },
  issued: { vi: 'Đã phát hành văn bản số', en: 'Issued as number' },
  recall: { vi: 'Thu hồi', en: 'Recall' },
  recallTitle: { vi: 'Thu hồi văn bản', en: 'Recall the document' },
  reason: { vi: 'Lý do', en: 'Reason' },
  recalled: { vi: 'Đã gửi đề nghị thu hồi tới các nơi nhận.', en: 'The recall was sent to every recipient.' },
  confirm: { vi: 'Xác nhận', en: 'Confirm' },
  trace: { vi: 'Tình trạng tại nơi nhận', en: 'Where each copy stands' },
  traceLead: { vi: 'Trạng thái do nơi nhận gửi về; văn bản gửi tỉnh khác qua trục liên thông nên có thể đến chậm vài giây.', en: 'Statuses sent back by each recipient; copies to other provinces go through the exchange hub and may take a few seconds.' },
  recipient: { vi: 'Nơi nhận', en: 'Recipient' },
  copy: { vi: 'Hình thức', en: 'Copy' },
  copyMain: { vi: 'Để xử lý', en: 'To act on' },
  copyInfo: { vi: 'Để biết', en: 'For information' },
  route: { vi: 'Đường gửi', en: 'Route' },
  routeLocal: { vi: 'Trong tỉnh', en: 'In the province' },
  routeHub: { vi: 'Trục liên thông', en: 'Exchange hub' },
  routeImport: { vi: 'Nhập gói tin', en: 'Imported' },
  sentAt: { vi: 'Ngày gửi', en: 'Sent' },
  traceHistory: { vi: 'Diễn biến', en: 'History' },
  notIssuedYet: { vi: 'Văn bản chưa phát hành nên chưa gửi tới nơi nhận.', en: 'Not issued yet: nothing was sent.' },
  history: { vi: 'Lịch sử', en: 'History' },
  by: { vi: 'bởi', en: 'by' },

  // Incoming document page
  receivedBy: { vi: 'Đơn vị nhận', en: 'Received by' },
  register: { vi: 'Vào sổ văn bản đến', en: 'Register' },
  registered: { vi: 'Đã vào sổ văn bản đến, số đến', en: 'Registered, arrival number' },
  refuse: { vi: 'Từ chối tiếp nhận', en: 'Refuse' },
  refused: { vi: 'Đã từ chối tiếp nhận.', en: 'Refused.' },
  assign: { vi: 'Phân công xử lý', en: 'Assign' },
  assignUnit: { vi: 'Giao cho đơn vị', en: 'Assign to a unit' },
  assignUser: { vi: 'Hoặc giao cho cán bộ', en: 'Or to an official' },
  nobody: { vi: '— Không chọn —', en: '— None —' },
  deadline: { vi: 'Hạn xử lý', en: 'Deadline' },
  assigned: { vi: 'Đã phân công xử lý.', en: 'Assigned.' },
  start: { vi: 'Bắt đầu xử lý', en: 'Start' },
  started: { vi: 'Đã chuyển sang đang xử lý.', en: 'In progress.' },
  complete: { vi: 'Hoàn thành', en: 'Complete' },
  completed: { vi: 'Đã hoàn thành xử lý.', en: 'Completed.' },
  assignment: { vi: 'Phân công', en: 'Assignment' },
  anOfficial: { vi: 'cán bộ được giao', en: 'the assigned official' },
  pendingRevision: { vi: 'Cơ quan gửi đề nghị', en: 'The sender asks to' },
  agree: { vi: 'Đồng ý', en: 'Agree' },
  disagree: { vi: 'Không đồng ý', en: 'Refuse' },
  answered: { vi: 'Đã trả lời cơ quan gửi.', en: 'The answer was sent.' },
  recalledNote: { vi: 'Văn bản này đã bị thu hồi.', en: 'This document was recalled.' },
  noActions: { vi: 'Bạn không có thao tác nào trên văn bản này ở trạng thái hiện tại.', en: 'You have no action on this document in its current status.' },

  // Tasks
  tasksLead: { vi: 'Văn bản đến được giao xử lý có hạn; quá hạn tô đỏ, sắp đến hạn (trong 3 ngày) tô vàng.', en: 'Incoming documents assigned with a deadline; overdue in red, due within 3 days in amber.' },
  scope: { vi: 'Phạm vi', en: 'Scope' },
  scopeUnit: { vi: 'Của đơn vị', en: 'My unit\'s' },
  scopeMine: { vi: 'Giao cho tôi', en: 'Assigned to me' },
  scopeByMe: { vi: 'Tôi đã giao', en: 'Assigned by me' },
  taskState: { vi: 'Tình trạng hạn', en: 'Due state' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  dueSoon: { vi: 'Sắp đến hạn', en: 'Due soon' },
  open: { vi: 'Trong hạn', en: 'On time' },
  noTasks: { vi: 'Không có nhiệm vụ nào.', en: 'No tasks.' },
  today: { vi: 'Hôm nay', en: 'Today' },
  assignee: { vi: 'Người/đơn vị xử lý', en: 'Assignee' },
} satisfies Record<string, Text>;

export const OUTGOING_STATUS: Record<string, Text> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  approved: { vi: 'Đã duyệt, chờ phát hành', en: 'Approved, to issue' },
  issued: { vi: 'Đã phát hành', en: 'Issued' },
  recalled: { vi: 'Đã thu hồi', en: 'Recalled' },
};

/** The exchange's statuses (QCVN 102:2016), and the sender's two of its own: not delivered yet, and failed. */
export const EXCHANGE_STATUS: Record<string, Text> = {
  pending: { vi: 'Đang gửi', en: 'Sending' },
  failed: { vi: 'Gửi không thành công', en: 'Not delivered' },
  // The exchange's own, as the server labels them (functions/documents/status.ts: plain data, no imports).
  ...EXCHANGE_STATUSES,
};

export const VERDICT: Record<string, Text> = {
  valid: { vi: 'Chữ ký hợp lệ', en: 'Valid signature' },
  modified: { vi: 'Tệp đã bị sửa sau khi ký', en: 'Changed after signing' },
  untrusted: { vi: 'Chứng thư không thuộc CA tin cậy', en: 'Not from a trusted CA' },
  expired: { vi: 'Chứng thư hết hạn khi ký', en: 'Certificate not valid when signed' },
  invalid: { vi: 'Chữ ký không hợp lệ', en: 'Invalid signature' },
  unsigned: { vi: 'Chưa ký số', en: 'Not signed' },
};

export const URGENCY: Record<string, Text> = {
  thuong: { vi: 'Thường', en: 'Normal' },
  khan: { vi: 'Khẩn', en: 'Urgent' },
  'thuong-khan': { vi: 'Thượng khẩn', en: 'Very urgent' },
  'hoa-toc': { vi: 'Hỏa tốc', en: 'Immediate' },
  'hoa-toc-hen-gio': { vi: 'Hỏa tốc hẹn giờ', en: 'Immediate, timed' },
};

export const CONFIDENTIALITY: Record<string, Text> = {
  thuong: { vi: 'Thường', en: 'Not classified' },
  mat: { vi: 'Mật', en: 'Confidential' },
  'toi-mat': { vi: 'Tối mật', en: 'Secret' },
  'tuyet-mat': { vi: 'Tuyệt mật', en: 'Top secret' },
};

/** The signer's authority before the position (thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền). */
export const AUTHORITIES: { id: string; text: Text }[] = [
  { id: 'TM.', text: { vi: 'TM. (thay mặt)', en: 'TM. (on behalf of)' } },
  { id: 'KT.', text: { vi: 'KT. (ký thay)', en: 'KT. (signing for)' } },
  { id: 'Q.', text: { vi: 'Q. (quyền)', en: 'Q. (acting)' } },
  { id: 'TL.', text: { vi: 'TL. (thừa lệnh)', en: 'TL. (by order)' } },
  { id: 'TUQ.', text: { vi: 'TUQ. (thừa ủy quyền)', en: 'TUQ. (by delegation)' } },
];

/** Document types of Decree 30/2020 Appendix III (functions/documents/catalog.ts). */
export const DOCUMENT_TYPES: { id: string; text: Text }[] = [
  { id: 'cong-van', text: { vi: 'Công văn', en: 'Official letter' } },
  { id: 'quyet-dinh', text: { vi: 'Quyết định', en: 'Decision' } },
  { id: 'ke-hoach', text: { vi: 'Kế hoạch', en: 'Plan' } },
  { id: 'thong-bao', text: { vi: 'Thông báo', en: 'Notice' } },
  { id: 'bao-cao', text: { vi: 'Báo cáo', en: 'Report' } },
  { id: 'to-trinh', text: { vi: 'Tờ trình', en: 'Submission' } },
  { id: 'giay-moi', text: { vi: 'Giấy mời', en: 'Invitation' } },
  { id: 'chi-thi', text: { vi: 'Chỉ thị', en: 'Directive' } },
  { id: 'nghi-quyet', text: { vi: 'Nghị quyết', en: 'Resolution' } },
  { id: 'huong-dan', text: { vi: 'Hướng dẫn', en: 'Guidance' } },
  { id: 'chuong-trinh', text: { vi: 'Chương trình', en: 'Programme' } },
  { id: 'quy-che', text: { vi: 'Quy chế', en: 'Regulation' } },
  { id: 'quy-dinh', text: { vi: 'Quy định', en: 'Rules' } },
  { id: 'thong-cao', text: { vi: 'Thông cáo', en: 'Communiqué' } },
  { id: 'phuong-an', text: { vi: 'Phương án', en: 'Scheme' } },
  { id: 'de-an', text: { vi: 'Đề án', en: 'Proposal' } },
  { id: 'du-an', text: { vi: 'Dự án', en: 'Project' } },
  { id: 'bien-ban', text: { vi: 'Biên bản', en: 'Minutes' } },
  { id: 'hop-dong', text: { vi: 'Hợp đồng', en: 'Contract' } },
  { id: 'cong-dien', text: { vi: 'Công điện', en: 'Dispatch telegram' } },
  { id: 'ban-ghi-nho', text: { vi: 'Bản ghi nhớ', en: 'Memorandum' } },
  { id: 'ban-thoa-thuan', text: { vi: 'Bản thỏa thuận', en: 'Agreement' } },
  { id: 'giay-uy-quyen', text: { vi: 'Giấy ủy quyền', en: 'Power of attorney' } },
  { id: 'giay-gioi-thieu', text: { vi: 'Giấy giới thiệu', en: 'Letter of introduction' } },
  { id: 'giay-nghi-phep', text: { vi: 'Giấy nghỉ phép', en: 'Leave permit' } },
  { id: 'phieu-gui', text: { vi: 'Phiếu gửi', en: 'Dispatch slip' } },
  { id: 'phieu-chuyen', text: { vi: 'Phiếu chuyển', en: 'Transfer slip' } },
  { id: 'phieu-bao', text: { vi: 'Phiếu báo', en: 'Notification slip' } },
];

/** What a history line says an official did. */
export const HISTORY_ACTION: Record<string, Text> = {
  draft: { vi: 'Soạn dự thảo', en: 'Drafted' },
  edit: { vi: 'Sửa dự thảo', en: 'Edited' },
  approve: { vi: 'Duyệt, ký số', en: 'Approved and signed' },
  issue: { vi: 'Cấp số, phát hành', en: 'Numbered and issued' },
  recall: { vi: 'Thu hồi', en: 'Recalled' },
  update: { vi: 'Cập nhật', en: 'Updated' },
  replace: { vi: 'Thay thế', en: 'Replaced' },
  arrive: { vi: 'Văn bản đến', en: 'Arrived' },
  register: { vi: 'Vào sổ văn bản đến', en: 'Registered' },
  refuse: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  assign: { vi: 'Phân công xử lý', en: 'Assigned' },
  start: { vi: 'Bắt đầu xử lý', en: 'Started' },
  complete: { vi: 'Hoàn thành', en: 'Completed' },
  'accept-revision': { vi: 'Đồng ý thu hồi/cập nhật', en: 'Accepted the recall or update' },
  'refuse-revision': { vi: 'Từ chối thu hồi/cập nhật', en: 'Refused the recall or update' },
};

export const REVISION: Record<string, Text> = {
  recall: { vi: 'thu hồi văn bản', en: 'recall the document' },
  update: { vi: 'cập nhật văn bản', en: 'update the document' },
  replace: { vi: 'thay thế văn bản', en: 'replace the document' },
};

/** The label of a code in a catalogue, or the code itself when the catalogue does not know it. */
export const labelOf = (catalogue: Record<string, Text>, code: string): Text => catalogue[code] ?? { vi: code, en: code };
export const typeLabel = (id: string): Text => DOCUMENT_TYPES.find((d) => d.id === id)?.text ?? { vi: id, en: id };

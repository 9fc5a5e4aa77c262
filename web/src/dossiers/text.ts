// Every text of the officials' dossier pages, Vietnamese first (shown with t()).
import type { Text } from '../core/i18n';
import type { ActionName } from './api';

export const TEXT = {
  inboxTitle: { vi: 'Hồ sơ cần xử lý', en: 'Dossiers to handle' },
  inboxLead: { vi: 'Hồ sơ đang xử lý của đơn vị, hạn gần nhất trước.', en: 'Your unit\'s open dossiers, soonest due first.' },
  filters: { vi: 'Lọc hồ sơ', en: 'Filter dossiers' },
  statusFilter: { vi: 'Trạng thái', en: 'Status' },
  dueFilter: { vi: 'Hạn xử lý', en: 'Due' },
  unitFilter: { vi: 'Đơn vị', en: 'Unit' },
  allStatuses: { vi: 'Tất cả trạng thái', en: 'All statuses' },
  allDue: { vi: 'Tất cả', en: 'All' },
  dueOverdue: { vi: 'Đã quá hạn', en: 'Overdue' },
  dueToday: { vi: 'Đến hạn hôm nay', en: 'Due today' },
  dueWeek: { vi: 'Đến hạn trong 7 ngày', en: 'Due within 7 days' },
  ownUnit: { vi: 'Đơn vị của tôi', en: 'My unit' },
  table: { vi: 'Danh sách hồ sơ', en: 'Dossiers' },
  colCode: { vi: 'Mã hồ sơ', en: 'Code' },
  colProcedure: { vi: 'Thủ tục', en: 'Procedure' },
  colApplicant: { vi: 'Người nộp', en: 'Applicant' },
  colReceived: { vi: 'Ngày nhận', en: 'Received' },
  colDue: { vi: 'Hạn xử lý', en: 'Due' },
  colStatus: { vi: 'Trạng thái', en: 'Status' },
  noDue: { vi: 'Chưa có hạn', en: 'No due date yet' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  dueTodayBadge: { vi: 'Đến hạn hôm nay', en: 'Due today' },
  empty: { vi: 'Không có hồ sơ nào.', en: 'No dossiers.' },
  shown: { vi: 'Đang hiển thị {n} hồ sơ', en: 'Showing {n} dossiers' },

  backToInbox: { vi: 'Về danh sách hồ sơ', en: 'Back to the dossiers' },
  dossierTitle: { vi: 'Hồ sơ {code}', en: 'Dossier {code}' },
  overview: { vi: 'Thông tin hồ sơ', en: 'The dossier' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  status: { vi: 'Trạng thái', en: 'Status' },
  channel: { vi: 'Hình thức nộp', en: 'Channel' },
  submittedAt: { vi: 'Ngày nộp', en: 'Submitted' },
  acceptedAt: { vi: 'Ngày tiếp nhận', en: 'Accepted' },
  dueAt: { vi: 'Hạn trả kết quả', en: 'Due' },
  originalDueAt: { vi: 'Hạn ban đầu', en: 'Original due date' },
  finishedAt: { vi: 'Ngày hoàn thành', en: 'Finished' },
  currentUnit: { vi: 'Đơn vị đang xử lý', en: 'Handled by' },
  missing: { vi: 'Giấy tờ đang chờ bổ sung', en: 'Documents awaited' },
  payment: { vi: 'Phí, lệ phí', en: 'Fees' },
  paid: { vi: 'đã nộp', en: 'paid' },
  unpaid: { vi: 'chưa nộp', en: 'not paid yet' },
  applicant: { vi: 'Người nộp hồ sơ', en: 'Applicant' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  idNumber: { vi: 'Số CCCD', en: 'ID number' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  email: { vi: 'Email', en: 'Email' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  formData: { vi: 'Nội dung tờ khai', en: 'The form' },
  files: { vi: 'Giấy tờ kèm theo', en: 'Attached documents' },
  noFiles: { vi: 'Không có giấy tờ kèm theo.', en: 'No documents attached.' },
  result: { vi: 'Kết quả giải quyết', en: 'Result' },
  download: { vi: 'Tải xuống', en: 'Download' },
  downloadFile: { vi: 'Tải xuống: {name}', en: 'Download: {name}' },
  fileMeta: { vi: '{size}, SHA-256 {sha}', en: '{size}, SHA-256 {sha}' },
  history: { vi: 'Quá trình xử lý', en: 'History' },
  by: { vi: 'bởi', en: 'by' },
  forms: { vi: 'Biểu mẫu', en: 'Forms' },
  receiptForm: { vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', en: 'Receipt and appointment slip' },
  apologyForm: { vi: 'Văn bản xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology letter with a new date' },
  openPdf: { vi: 'Mở tệp PDF: {name}', en: 'Open the PDF: {name}' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },

  actions: { vi: 'Xử lý hồ sơ', en: 'Act on the dossier' },
  noActions: { vi: 'Bạn không có thao tác nào với hồ sơ ở trạng thái này.', en: 'You have nothing to do on the dossier in this status.' },
  confirm: { vi: 'Xác nhận', en: 'Confirm' },
  confirmLead: { vi: 'Bạn sắp thực hiện: {action} đối với hồ sơ {code}.', en: 'You are about to: {action} on dossier {code}.' },
  willBecome: { vi: 'Sau khi xác nhận, trạng thái hồ sơ là: {status}.', en: 'Once confirmed, the dossier\'s status is: {status}.' },
  done: { vi: 'Đã thực hiện: {action}. Trạng thái hồ sơ: {status}.', en: 'Done: {action}. The dossier\'s status: {status}.' },
  conflict: { vi: 'Hồ sơ vừa được cập nhật; trang đã tải lại trạng thái mới nhất.', en: 'The dossier was just changed; the page now shows its latest state.' },
  reason: { vi: 'Lý do', en: 'Reason' },
  reasonOptional: { vi: 'Lý do (nếu có)', en: 'Reason (optional)' },
  note: { vi: 'Ghi chú', en: 'Note' },
  missingField: { vi: 'Giấy tờ cần bổ sung', en: 'Documents to supplement' },
  missingHint: { vi: 'Mỗi giấy tờ một dòng.', en: 'One document per line.' },
  resultFile: { vi: 'Tệp kết quả', en: 'Result file' },
  resultSummary: { vi: 'Tóm tắt kết quả', en: 'Result summary' },
  amount: { vi: 'Số tiền (đồng)', en: 'Amount (VND)' },
  receiptNo: { vi: 'Số biên lai', en: 'Receipt number' },
  toUnit: { vi: 'Chuyển đến đơn vị', en: 'Forward to unit' },
  chooseUnit: { vi: 'Chọn đơn vị', en: 'Choose a unit' },
  newDueDay: { vi: 'Ngày hẹn trả mới', en: 'New due day' },
  newDueTime: { vi: 'Giờ hẹn trả mới', en: 'New due time' },
  requirement: { vi: 'Loại giấy tờ', en: 'Document' },
  chooseRequirement: { vi: 'Chọn loại giấy tờ', en: 'Choose the document' },
  supplementFile: { vi: 'Tệp bổ sung', en: 'Supplement file' },
  fileMissing: { vi: 'Hãy chọn tệp và đợi tải lên xong.', en: 'Choose a file and wait for the upload to finish.' },
} satisfies Record<string, Text>;

/** The action buttons, stable for tests and the people who learnt them. */
export const ACTION_TEXT: Record<ActionName, Text> = {
  accept: { vi: 'Tiếp nhận', en: 'Accept' },
  refuse: { vi: 'Từ chối tiếp nhận', en: 'Refuse' },
  start: { vi: 'Bắt đầu xử lý', en: 'Start processing' },
  'request-supplement': { vi: 'Yêu cầu bổ sung', en: 'Ask for more documents' },
  supplement: { vi: 'Bổ sung giấy tờ', en: 'Add documents' },
  'request-payment': { vi: 'Yêu cầu nộp phí', en: 'Ask for payment' },
  'confirm-payment': { vi: 'Xác nhận đã nộp phí', en: 'Confirm payment' },
  forward: { vi: 'Chuyển đơn vị', en: 'Forward' },
  decide: { vi: 'Ra kết quả', en: 'Decide' },
  return: { vi: 'Trả kết quả', en: 'Return the result' },
  withdraw: { vi: 'Rút hồ sơ', en: 'Withdraw' },
  stop: { vi: 'Dừng xử lý', en: 'Stop processing' },
  extend: { vi: 'Gia hạn', en: 'Extend' },
};

/** Who acted, when the history has no name (roles as the API records them, comma-separated for officials). */
export const ROLE_TEXT: Record<string, Text> = {
  applicant: { vi: 'Người nộp hồ sơ', en: 'The applicant' },
  clerk: { vi: 'Bộ phận một cửa', en: 'One-stop desk' },
  officer: { vi: 'Cán bộ xử lý', en: 'Official' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  'tenant-admin': { vi: 'Quản trị hệ thống', en: 'Administrator' },
};

/** The statuses a dossier can have while it sits in an inbox (closed ones leave it). */
export const OPEN_STATUSES = [1, 2, 4, 5, 6, 9];

export const CHANNEL_TEXT: Record<number, Text> = {
  1: { vi: 'Trực tiếp', en: 'In person' },
  2: { vi: 'Trực tuyến', en: 'Online' },
  3: { vi: 'Qua bưu chính', en: 'By post' },
};

/** Fills {name} placeholders. */
export const fill = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

export { DOSSIER_STATUS_TEXT as STATUS_TEXT, DOSSIER_HISTORY_TEXT as HISTORY_TEXT } from '../core/dossier-text';

// The officials' dossier pages (issue 8): the unit's inbox and one dossier with its actions.
//
// Labels a test can rely on (Vietnamese, kept stable):
// - Inbox `#/<tenant>/console/dossiers`: heading "Hồ sơ cần xử lý"; filters (selects) "Trạng thái", "Hạn xử lý",
//   "Đơn vị" (leaders and admins only); table columns "Mã hồ sơ", "Thủ tục", "Người nộp", "Ngày nhận", "Hạn xử lý",
//   "Trạng thái"; each row is <tr data-code="<code>"> with class "overdue" / "due-today" and the badge "Quá hạn" /
//   "Đến hạn hôm nay"; the code is a link to the dossier; button "Xem thêm" loads the next page.
// - Dossier `#/<tenant>/console/dossiers/<code>`: heading "Hồ sơ <code>"; link "Về danh sách hồ sơ"; sections
//   "Thông tin hồ sơ", "Xử lý hồ sơ", "Biểu mẫu", "Người nộp hồ sơ", "Nội dung tờ khai", "Giấy tờ kèm theo",
//   "Quá trình xử lý" (an <ol class="timeline">, one <li> per step, e.g. "Tiếp nhận hồ sơ"). Every file (documents,
//   supplements in the history, the result) has a button "Tải xuống: <file name>" that downloads it.
//   Action buttons (only those the server allows): "Tiếp nhận", "Từ chối tiếp nhận", "Bắt đầu xử lý",
//   "Yêu cầu bổ sung", "Bổ sung giấy tờ", "Yêu cầu nộp phí", "Xác nhận đã nộp phí", "Chuyển đơn vị", "Ra kết quả",
//   "Trả kết quả", "Dừng xử lý", "Gia hạn". Their form's fields: "Lý do", "Giấy tờ cần bổ sung" (one per line),
//   "Số tiền (đồng)", "Số biên lai", "Chuyển đến đơn vị", "Loại giấy tờ", "Tệp kết quả" / "Tệp bổ sung" (file inputs),
//   "Tóm tắt kết quả", "Ngày hẹn trả mới", "Giờ hẹn trả mới", "Ghi chú"; then button "Xác nhận" (use exact: true,
//   "Xác nhận đã nộp phí" also starts so) or "Hủy". Success: a status alert "Đã thực hiện: <action>. Trạng thái hồ
//   sơ: <status>." A 409: an alert with the API's message, and the page reloads.
//   Forms: buttons "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Văn bản xin lỗi và hẹn lại ngày trả kết quả", then a
//   link "Mở tệp PDF: <file name>".
import type { AreaProps } from '../core/area';
import { useLang } from '../core/i18n';
import { DossierPage } from './dossier-page';
import { Inbox } from './inbox';

export default function DossiersArea(props: AreaProps) {
  useLang();
  const tenant = props.config.id;
  const code = props.path[0];
  return code ? <DossierPage key={code} tenant={tenant} code={code} /> : <Inbox tenant={tenant} />;
}

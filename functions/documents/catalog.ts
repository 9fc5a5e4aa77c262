// The vocabulary of official documents (Decree 30/2020/NĐ-CP, DOMAIN.md): types with their abbreviations,
// urgency, confidentiality and the signer's authority.

/** Document types of Decree 30/2020 Appendix III; `code` is the edXML DocumentType/Type. A công văn has no abbreviation. */
export const DOCUMENT_TYPES = [
  { id: 'nghi-quyet', code: '1', abbr: 'NQ', name: 'Nghị quyết', nameEn: 'Resolution' },
  { id: 'quyet-dinh', code: '2', abbr: 'QĐ', name: 'Quyết định', nameEn: 'Decision' },
  { id: 'chi-thi', code: '3', abbr: 'CT', name: 'Chỉ thị', nameEn: 'Directive' },
  { id: 'quy-che', code: '4', abbr: 'QC', name: 'Quy chế', nameEn: 'Regulation' },
  { id: 'quy-dinh', code: '5', abbr: 'QyĐ', name: 'Quy định', nameEn: 'Rules' },
  { id: 'thong-cao', code: '6', abbr: 'TC', name: 'Thông cáo', nameEn: 'Communiqué' },
  { id: 'thong-bao', code: '7', abbr: 'TB', name: 'Thông báo', nameEn: 'Notice' },
  { id: 'huong-dan', code: '8', abbr: 'HD', name: 'Hướng dẫn', nameEn: 'Guidance' },
  { id: 'chuong-trinh', code: '9', abbr: 'CTr', name: 'Chương trình', nameEn: 'Programme' },
  { id: 'ke-hoach', code: '10', abbr: 'KH', name: 'Kế hoạch', nameEn: 'Plan' },
  { id: 'phuong-an', code: '11', abbr: 'PA', name: 'Phương án', nameEn: 'Scheme' },
  { id: 'de-an', code: '12', abbr: 'ĐA', name: 'Đề án', nameEn: 'Proposal' },
  { id: 'du-an', code: '13', abbr: 'DA', name: 'Dự án', nameEn: 'Project' },
  { id: 'bao-cao', code: '14', abbr: 'BC', name: 'Báo cáo', nameEn: 'Report' },
  { id: 'bien-ban', code: '15', abbr: 'BB', name: 'Biên bản', nameEn: 'Minutes' },
  { id: 'to-trinh', code: '16', abbr: 'TTr', name: 'Tờ trình', nameEn: 'Submission' },
  { id: 'hop-dong', code: '17', abbr: 'HĐ', name: 'Hợp đồng', nameEn: 'Contract' },
  { id: 'cong-dien', code: '18', abbr: 'CĐ', name: 'Công điện', nameEn: 'Dispatch telegram' },
  { id: 'ban-ghi-nho', code: '19', abbr: 'BGN', name: 'Bản ghi nhớ', nameEn: 'Memorandum' },
  { id: 'ban-thoa-thuan', code: '20', abbr: 'BTT', name: 'Bản thỏa thuận', nameEn: 'Agreement' },
  { id: 'giay-uy-quyen', code: '21', abbr: 'GUQ', name: 'Giấy ủy quyền', nameEn: 'Power of attorney' },
  { id: 'giay-moi', code: '22', abbr: 'GM', name: 'Giấy mời', nameEn: 'Invitation' },
  { id: 'giay-gioi-thieu', code: '23', abbr: 'GGT', name: 'Giấy giới thiệu', nameEn: 'Letter of introduction' },
  { id: 'giay-nghi-phep', code: '24', abbr: 'GNP', name: 'Giấy nghỉ phép', nameEn: 'Leave permit' },
  { id: 'phieu-gui', code: '25', abbr: 'PG', name: 'Phiếu gửi', nameEn: 'Dispatch slip' },
  { id: 'phieu-chuyen', code: '26', abbr: 'PC', name: 'Phiếu chuyển', nameEn: 'Transfer slip' },
  { id: 'phieu-bao', code: '27', abbr: 'PB', name: 'Phiếu báo', nameEn: 'Notification slip' },
  { id: 'cong-van', code: '0', abbr: '', name: 'Công văn', nameEn: 'Official letter' },
] as const;

export type DocumentTypeId = (typeof DOCUMENT_TYPES)[number]['id'];
export const DOCUMENT_TYPE_IDS = DOCUMENT_TYPES.map((t) => t.id) as [DocumentTypeId, ...DocumentTypeId[]];
export const documentType = (id: string) => DOCUMENT_TYPES.find((t) => t.id === id);
export const documentTypeByCode = (code: string) => DOCUMENT_TYPES.find((t) => t.code === code);

/** Urgency, in the order of edXML's Priority (0 normal … 4 hỏa tốc hẹn giờ). */
export const URGENCIES = [
  { id: 'thuong', priority: 0, name: 'Thường' },
  { id: 'khan', priority: 1, name: 'Khẩn' },
  { id: 'thuong-khan', priority: 2, name: 'Thượng khẩn' },
  { id: 'hoa-toc', priority: 3, name: 'Hỏa tốc' },
  { id: 'hoa-toc-hen-gio', priority: 4, name: 'Hỏa tốc hẹn giờ' },
] as const;
export type UrgencyId = (typeof URGENCIES)[number]['id'];
export const URGENCY_IDS = URGENCIES.map((u) => u.id) as [UrgencyId, ...UrgencyId[]];
export const urgency = (id: string) => URGENCIES.find((u) => u.id === id)!;
export const urgencyOfPriority = (priority: number) => URGENCIES.find((u) => u.priority === priority) ?? URGENCIES[0];

export const CONFIDENTIALITIES = [
  { id: 'thuong', name: 'Thường' },
  { id: 'mat', name: 'Mật' },
  { id: 'toi-mat', name: 'Tối mật' },
  { id: 'tuyet-mat', name: 'Tuyệt mật' },
] as const;
export type ConfidentialityId = (typeof CONFIDENTIALITIES)[number]['id'];
export const CONFIDENTIALITY_IDS = CONFIDENTIALITIES.map((c) => c.id) as [ConfidentialityId, ...ConfidentialityId[]];

/** The signer's authority, written before the position: thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền. */
export const AUTHORITIES = ['TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;

// What the procedure catalogue says to people, Vietnamese first, English second.
export const PROCEDURE_TEXT = {
  notFound: {
    vi: 'Không tìm thấy thủ tục hành chính này (hoặc thủ tục chưa được công bố).',
    en: 'No such procedure (or it is not published yet).',
  },
  versionNotFound: { vi: 'Không tìm thấy phiên bản này của thủ tục.', en: 'No such version of this procedure.' },
  exists: { vi: 'Mã thủ tục này đã có trong danh mục.', en: 'A procedure with this code is already in the catalogue.' },
  versionConflict: {
    vi: 'Thủ tục đã được người khác thay đổi, vui lòng tải lại phiên bản mới nhất rồi thử lại.',
    en: 'Someone else changed this procedure; reload its latest version and try again.',
  },
  notLatestDraft: {
    vi: 'Chỉ công bố được phiên bản dự thảo mới nhất của thủ tục.',
    en: 'Only the latest version, while it is a draft, can be published.',
  },
  codeMismatch: {
    vi: 'Mã thủ tục trong nội dung phải trùng với mã thủ tục trên đường dẫn.',
    en: 'The code in the content must be the code in the path.',
  },
  versionLimit: {
    vi: 'Thủ tục đã đạt số phiên bản tối đa.',
    en: 'This procedure has reached the largest version number.',
  },
} as const;

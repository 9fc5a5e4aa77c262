// What the upload route says to people, Vietnamese first, English second. The refusals of verifyUpload (which
// other services call) are in shared/uploads.ts.
export const UPLOADS_TEXT = {
  uploadNotFound: { vi: 'Không tìm thấy tệp đã tải lên.', en: 'Upload not found.' },
  fileNameLength: { vi: 'tên tệp phải dài từ 1 đến 255 ký tự', en: 'the file name must be 1 to 255 characters' },
  fileNameSeparator: { vi: 'tên tệp không được chứa dấu / hoặc \\', en: 'the file name must not contain / or \\' },
  fileNameControl: { vi: 'tên tệp không được chứa ký tự điều khiển', en: 'the file name must not contain control characters' },
  fileNameBidi: { vi: 'tên tệp không được chứa ký tự đảo chiều văn bản', en: 'the file name must not contain text direction controls' },
  fileNameDots: { vi: 'tên tệp không được là "." hoặc ".."', en: 'the file name must not be "." or ".."' },
  contentType: {
    vi: 'loại tệp không được chấp nhận (PDF, JPEG, PNG, DOC, DOCX, XLS, XLSX, ODT, TXT)',
    en: 'this type of file is not accepted (PDF, JPEG, PNG, DOC, DOCX, XLS, XLSX, ODT, TXT)',
  },
  sizeTooSmall: { vi: 'tệp không được rỗng', en: 'the file must not be empty' },
  sizeTooLarge: { vi: 'tệp không được lớn hơn 20 MB', en: 'the file must not be larger than 20 MB' },
} as const;

/** A zod message: the Vietnamese, then the English in parentheses, as the other services' field messages. */
export const fieldMessage = (text: { vi: string; en: string }) => `${text.vi} (${text.en})`;

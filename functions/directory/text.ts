// What the directory says to people, Vietnamese first, English second.
export const DIRECTORY_TEXT = {
  unitNotFound: { vi: 'Không tìm thấy đơn vị.', en: 'Unit not found.' },
  unitExists: { vi: 'Mã định danh này đã có đơn vị sử dụng.', en: 'A unit with this agency code already exists.' },
  userNotFound: { vi: 'Không tìm thấy cán bộ.', en: 'Official not found.' },
  userExists: { vi: 'Email này đã được dùng cho một tài khoản khác.', en: 'This email already belongs to an account.' },
  versionConflict: {
    vi: 'Dữ liệu đã được người khác thay đổi, vui lòng tải lại rồi thử lại.',
    en: 'Someone else changed this record; reload and try again.',
  },
  provinceHasNoParent: { vi: 'Đơn vị cấp tỉnh không có đơn vị cấp trên.', en: 'A province-level unit has no parent.' },
  parentRequired: { vi: 'Đơn vị cấp sở/xã phải có đơn vị cấp trên.', en: 'A department or commune needs a parent unit.' },
  parentCycle: { vi: 'Đơn vị cấp trên không hợp lệ (tạo thành vòng lặp).', en: 'That parent would make the hierarchy a cycle.' },
  parentNotFound: { vi: 'Không tìm thấy đơn vị cấp trên.', en: 'Parent unit not found.' },
} as const;

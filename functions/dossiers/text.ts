// What the dossiers service says to people, Vietnamese first, English second.
export const DOSSIER_TEXT = {
  notFound: { vi: 'Không tìm thấy hồ sơ.', en: 'Dossier not found.' },
  procedureNotFound: { vi: 'Không tìm thấy thủ tục hành chính này (hoặc thủ tục chưa được công bố).', en: 'No such published procedure.' },
  procedureNotOnline: { vi: 'Thủ tục này chỉ cung cấp thông tin, không nộp hồ sơ trực tuyến.', en: 'This procedure is information only: it cannot be submitted online.' },
  wrongChannel: { vi: 'Kênh nộp hồ sơ không phù hợp với người nộp.', en: 'That channel is not for this submitter.' },
  unknownRequirement: { vi: 'Giấy tờ này không có trong thành phần hồ sơ của thủ tục.', en: 'This document is not a requirement of the procedure.' },
  duplicateRequirement: { vi: 'Một thành phần hồ sơ được nộp hai lần.', en: 'A document requirement was given twice.' },
  missingDocuments: { vi: 'Còn thiếu giấy tờ bắt buộc.', en: 'Required documents are missing.' },
  versionConflict: { vi: 'Hồ sơ vừa được người khác xử lý, vui lòng tải lại rồi thử lại.', en: 'Someone else acted on this dossier; reload and try again.' },
  invalidTransition: { vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.', en: 'This action is not possible in the dossier\'s current status.' },
  invalidDueDate: { vi: 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại.', en: 'The new due date must be after the current one.' },
  filesTaken: { vi: 'Một tệp đính kèm đã được dùng cho hồ sơ khác.', en: 'An attached file is already used by another record.' },
  otherUnit: { vi: 'Bạn chỉ xem được hồ sơ của đơn vị mình.', en: 'You can only list your own unit\'s dossiers.' },
  notRatable: { vi: 'Chỉ đánh giá được hồ sơ của mình sau khi đã nhận kết quả, và một lần.', en: 'Only your own dossier can be rated, once, after its result is returned.' },
} as const;

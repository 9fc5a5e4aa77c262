// What the forms service says to people, Vietnamese first, English second.
export const FORMS_TEXT = {
  fileNotFound: {
    vi: 'Hồ sơ không có tệp này, hoặc kết quả chưa được trả cho bạn.',
    en: 'The dossier has no such file, or its result has not been returned to you yet.',
  },
  notAvailable: {
    receipt: {
      vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả chỉ có khi hồ sơ đã được tiếp nhận.',
      en: 'The receipt and appointment slip exists once the dossier is accepted.',
    },
    apology: {
      vi: 'Văn bản xin lỗi và hẹn lại ngày trả kết quả chỉ có khi hồ sơ đã được gia hạn.',
      en: 'The apology letter with a new date exists once the dossier\'s due date was extended.',
    },
  },
} as const;

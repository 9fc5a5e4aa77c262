// Dossier statuses as exchanged with the national portal (DOMAIN.md), with what people read.
// The web app imports this file too (web/src/core/dossier-text.ts): keep it plain data and pure functions, with no imports.
export const STATUS = {
  SUBMITTED: 1,
  ACCEPTED: 2,
  REFUSED: 3,
  IN_PROGRESS: 4,
  SUPPLEMENT_REQUESTED: 5,
  PAYMENT_REQUESTED: 6,
  WITHDRAWN: 7,
  STOPPED: 8,
  DECIDED: 9,
  RETURNED: 10,
} as const;
export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

export const STATUS_LABELS: Record<StatusCode, { vi: string; en: string }> = {
  1: { vi: 'Mới đăng ký', en: 'Submitted' },
  2: { vi: 'Được tiếp nhận', en: 'Accepted' },
  3: { vi: 'Không được tiếp nhận', en: 'Refused' },
  4: { vi: 'Đang xử lý', en: 'In progress' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'More documents requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Decided' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/** Statuses after which nothing happens but a rating: the dossier has left every inbox. */
export const CLOSED_STATUSES: readonly StatusCode[] = [3, 7, 8, 10];

/** Statuses whose time counts as the finish time for on-time measurement (decided, returned, stopped, refused). */
export const FINISHING_STATUSES: readonly StatusCode[] = [9, 10, 8, 3];

export const statusView = (code: StatusCode) => ({ code, label: STATUS_LABELS[code].vi, labelEn: STATUS_LABELS[code].en });

export const CHANNELS = { IN_PERSON: 1, ONLINE: 2, POST: 3 } as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

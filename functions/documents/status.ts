// The exchange's status codes (QCVN 102:2016, DOMAIN.md) and the incoming document's workflow.
// The web app imports this file too (web/src/documents/text.ts): keep it plain data and pure functions, with no imports.

export const EXCHANGE_STATUSES = {
  '01': { vi: 'Đã đến', en: 'Arrived' },
  '02': { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  '03': { vi: 'Đã tiếp nhận', en: 'Registered' },
  '04': { vi: 'Phân công', en: 'Assigned' },
  '05': { vi: 'Đang xử lý', en: 'In progress' },
  '06': { vi: 'Hoàn thành', en: 'Completed' },
  '13': { vi: 'Đề nghị thu hồi/cập nhật', en: 'Recall or update requested' },
  '14': { vi: 'Đồng ý thu hồi/cập nhật', en: 'Recall or update accepted' },
  '16': { vi: 'Từ chối thu hồi/cập nhật', en: 'Recall or update refused' },
} as const;
export type ExchangeStatus = keyof typeof EXCHANGE_STATUSES;

/** Where a copy stands on the sender's side: the latest status code, or not yet delivered, or failed. */
export type TraceState = ExchangeStatus | 'pending' | 'failed';

export const INCOMING_ACTIONS = ['register', 'refuse', 'assign', 'start', 'complete'] as const;
export type IncomingAction = (typeof INCOMING_ACTIONS)[number];

/** Who may take an action: the receiving unit's clerks and leaders (`desk`), or whoever the document is assigned to. */
export const INCOMING_TRANSITIONS: Record<IncomingAction, { from: readonly ExchangeStatus[]; to: ExchangeStatus; by: 'desk' | 'assignee' }> = {
  register: { from: ['01'], to: '03', by: 'desk' },
  refuse: { from: ['01', '03'], to: '02', by: 'desk' },
  assign: { from: ['03', '04'], to: '04', by: 'desk' },
  start: { from: ['04'], to: '05', by: 'assignee' },
  complete: { from: ['04', '05'], to: '06', by: 'assignee' },
};

/** Incoming documents still to be dealt with (the box); refused and completed ones stay in the register only. */
export const OPEN_INCOMING: readonly ExchangeStatus[] = ['01', '03', '04', '05'];

/** edXML business types of a message: a new document, or a change to one already sent. */
export const BUSINESS = { new: 0, recall: 1, update: 2, replace: 3 } as const;
export type Revision = 'recall' | 'update' | 'replace';

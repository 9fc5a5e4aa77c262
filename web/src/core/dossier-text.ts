// A dossier's statuses and history steps as people read them, shared by the citizens' portal and the officials'
// console. Statuses as the national portal names them (functions/dossiers/status.ts, DOMAIN.md).
import { STATUS_LABELS } from '../../../functions/dossiers/status';
import type { Text } from './i18n';

/** The server's own labels: functions/dossiers/status.ts is plain data, kept free of imports so the bundle can take it. */
export const DOSSIER_STATUS_TEXT: Record<number, Text> = STATUS_LABELS;

/** What each step of a dossier's history was. */
export const DOSSIER_HISTORY_TEXT: Record<string, Text> = {
  submit: { vi: 'Nộp hồ sơ', en: 'Submitted' },
  accept: { vi: 'Tiếp nhận hồ sơ', en: 'Accepted' },
  refuse: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  start: { vi: 'Bắt đầu xử lý', en: 'Processing started' },
  'request-supplement': { vi: 'Yêu cầu bổ sung giấy tờ', en: 'More documents requested' },
  supplement: { vi: 'Bổ sung giấy tờ', en: 'Documents supplied' },
  'request-payment': { vi: 'Yêu cầu nộp phí, lệ phí', en: 'Payment requested' },
  'confirm-payment': { vi: 'Xác nhận đã nộp phí', en: 'Payment confirmed' },
  forward: { vi: 'Chuyển xử lý', en: 'Handed over' },
  decide: { vi: 'Có kết quả giải quyết', en: 'Decided' },
  return: { vi: 'Trả kết quả', en: 'Result returned' },
  withdraw: { vi: 'Rút hồ sơ', en: 'Withdrawn' },
  stop: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  extend: { vi: 'Gia hạn thời gian giải quyết', en: 'Due date extended' },
};

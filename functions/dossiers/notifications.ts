// What the applicant is told by email, and when: acceptance, a request for more documents, the decision, the
// returned result. Vietnamese first, English after. Built here, sent by the mail service from its outbox.
import { formatVietnamDateTime } from '#shared/clock';
import type { MailRequest } from '#shared/outbox';
import type { Dossier } from './schemas';
import type { Action } from './workflow';

type Notified = Extract<Action, 'accept' | 'request-supplement' | 'decide' | 'return'>;
const NOTIFIED: readonly Action[] = ['accept', 'request-supplement', 'decide', 'return'];

const when = (iso: string | undefined) => (iso ? formatVietnamDateTime(new Date(iso)) : '');

function body(action: Notified, d: Dossier): { subject: string; lines: string[]; en: string } {
  switch (action) {
    case 'accept':
      return {
        subject: `Hồ sơ ${d.code} đã được tiếp nhận`,
        lines: [
          `Hồ sơ "${d.procedure.name}" của Ông/Bà đã được tiếp nhận lúc ${when(d.acceptedAt)}.`,
          d.dueAt ? `Thời gian hẹn trả kết quả: ${when(d.dueAt)}.` : 'Thủ tục này không quy định thời hạn giải quyết.',
        ],
        en: `Your dossier ${d.code} was accepted.${d.dueAt ? ` Result due ${d.dueAt}.` : ''}`,
      };
    case 'request-supplement':
      return {
        subject: `Hồ sơ ${d.code} cần bổ sung giấy tờ`,
        lines: [
          `Hồ sơ "${d.procedure.name}" của Ông/Bà cần bổ sung:`,
          ...(d.missing ?? []).map((m) => `  - ${m}`),
          'Thời gian chờ bổ sung không tính vào thời hạn giải quyết. Vui lòng bổ sung trực tuyến hoặc tại bộ phận một cửa.',
        ],
        en: `Your dossier ${d.code} needs more documents: ${(d.missing ?? []).join('; ')}.`,
      };
    case 'decide':
      return {
        subject: `Hồ sơ ${d.code} đã có kết quả`,
        lines: [`Hồ sơ "${d.procedure.name}" của Ông/Bà đã được giải quyết xong lúc ${when(d.finishedAt)}.`, 'Ông/Bà có thể nhận kết quả theo hình thức đã đăng ký.'],
        en: `Your dossier ${d.code} has been decided.`,
      };
    case 'return':
      return {
        subject: `Hồ sơ ${d.code} đã trả kết quả`,
        lines: [`Kết quả hồ sơ "${d.procedure.name}" đã được trả. Mời Ông/Bà đánh giá mức độ hài lòng về việc giải quyết hồ sơ.`],
        en: `The result of your dossier ${d.code} has been returned. Please rate the service.`,
      };
  }
}

/** The mail request for an action, or undefined when the action tells the applicant nothing or they gave no email. */
export function notificationFor(tenant: { id: string; name: string }, action: Action, d: Dossier, at: string): MailRequest | undefined {
  if (!NOTIFIED.includes(action) || !d.applicant.email) return undefined;
  const { subject, lines, en } = body(action as Notified, d);
  const text = [
    `Kính gửi Ông/Bà ${d.applicant.fullName},`, '', ...lines, '', `Mã hồ sơ: ${d.code}`,
    `Tra cứu hồ sơ bằng mã hồ sơ và số điện thoại đã đăng ký.`, '', `Bộ phận Một cửa - ${tenant.name}`, '', '---', en, '',
  ].join('\n');
  return {
    id: `dossiers.${d.code}.v${d.version}.${action}`,
    tenant: tenant.id,
    from: { local: 'motcua', name: `Một cửa điện tử ${tenant.name}` },
    to: [{ address: d.applicant.email, name: d.applicant.fullName }],
    subject,
    text,
    origin: { service: 'dossiers', reference: d.code },
    createdAt: at,
  };
}

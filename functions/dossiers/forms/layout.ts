// What each form says, built from a dossier: plain data (header, blocks of text, a table, signatures) that
// render.ts lays out on A4. Forms of Circular 03/2025/TT-VPCP, Annex I: 01 the receipt and appointment slip,
// 04 the apology with a new date. See docs/forms.md for what follows the circular and what is to confirm.
import type { Dossier, HistoryEntry } from '../schemas';
import {
  CHANNEL_NAMES, count2, placeAndDate, placeName, provincialAuthority, resultPlace, timeAndDate, upper, workingDays, type TenantNaming,
} from './format';

export const FORM_KINDS = ['receipt', 'apology'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export type FontStyle = 'regular' | 'bold' | 'italic';

/** A piece of text in one style. `keep`: never broken across lines (a date, a code). */
export interface Run {
  text: string;
  style?: FontStyle;
  keep?: boolean;
}

export interface Column {
  title: string;
  /** Share of the text width. */
  width: number;
  align?: 'left' | 'center';
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'centered'; runs: Run[] }
  /** Wrapped to the text width; `indent`: the first line's, in points. */
  | { kind: 'paragraph'; runs: Run[]; indent?: number }
  | { kind: 'table'; columns: Column[]; rows: string[][] }
  | { kind: 'space'; height: number };

export interface Signature {
  title: string;
  note: string;
  name?: string;
}

export interface FormLayout {
  form: FormKind;
  /** The PDF's title (document properties). */
  title: string;
  subject: string;
  /** The date of the content: CreationDate of the PDF. */
  date: string;
  header: {
    /** `ỦY BAN NHÂN DÂN`, `TỈNH NGHỆ AN`: one line when it fits, else these two. */
    authority: string[];
    /** `BỘ PHẬN MỘT CỬA` */
    office: string;
    /** The receiving unit: only its code until units have names (directory). */
    unit: string;
    /** `Nghệ An, ngày 24 tháng 11 năm 2026` */
    placeDate: string;
  };
  blocks: Block[];
  /** Bottom left: a signature, or the recipients of a letter (Nơi nhận). */
  left: Signature | { recipients: string[] };
  right: Signature;
  /** A small italic line at the end. */
  note?: string;
}

export interface FormContext {
  tenant: TenantNaming;
  /** The procedure version's document requirements by id; missing ones show their id. */
  requirements: ReadonlyMap<string, { name: string; copies?: string }>;
}

const OFFICIAL_STATUS_REFUSED = 3;

/** The history entry that fixes a form's content, with the dossier version it produced. */
export interface FormEvent {
  entry: HistoryEntry;
  /** Each history entry is one version: the submission is version 1, the n-th entry version n. */
  version: number;
}

function lastEntry(d: Dossier, actions: readonly string[]): FormEvent | undefined {
  for (let i = d.history.length - 1; i >= 0; i--) {
    const entry = d.history[i]!;
    if (actions.includes(entry.action)) return { entry, version: i + 1 };
  }
  return undefined;
}

/**
 * The event a form is made from, or undefined when the form does not exist yet. The receipt (01) exists once the
 * dossier is accepted, and is made again when missing documents are supplied (the applicant then gets a receipt
 * of the completed dossier with the moved due date). The apology (04) exists once the due date was extended.
 */
export function formEvent(form: FormKind, d: Dossier): FormEvent | undefined {
  if (form === 'apology') return d.extension ? lastEntry(d, ['extend']) : undefined;
  if (!d.acceptedAt || d.status.code < 2 || d.status.code === OFFICIAL_STATUS_REFUSED) return undefined;
  return lastEntry(d, ['accept', 'supplement']);
}

const keep = (text: string, style?: FontStyle): Run => ({ text, keep: true, ...(style ? { style } : {}) });
const bold = (text: string): Run => ({ text, style: 'bold' });
const field = (label: string, ...value: Run[]): Block => ({ kind: 'paragraph', runs: [{ text: `${label}: ` }, ...value] });

/** `Ủy ban nhân dân tỉnh Nghệ An` upper-cased, split after `ỦY BAN NHÂN DÂN`. */
function authorityLines(tenant: TenantNaming): string[] {
  const full = upper(provincialAuthority(tenant));
  const head = 'ỦY BAN NHÂN DÂN';
  return full.startsWith(`${head} `) ? [head, full.slice(head.length + 1)] : [full];
}

function header(d: Dossier, ctx: FormContext, at: string): FormLayout['header'] {
  return {
    authority: authorityLines(ctx.tenant),
    office: 'BỘ PHẬN MỘT CỬA',
    unit: `Mã đơn vị: ${d.receivingUnit}`,
    placeDate: placeAndDate(placeName(ctx.tenant), at),
  };
}

/**
 * The appointment printed on a receipt: the due date as it stood at the receipt's event. Only a supply of
 * documents (a receipt event itself) and the one extension move a due date; an extension after the receipt left
 * the receipt's date in originalDueAt.
 */
function appointment(d: Dossier, event: FormEvent): string | undefined {
  if (d.extension && Date.parse(d.extension.at) >= Date.parse(event.entry.at)) return d.originalDueAt ?? d.dueAt;
  return d.dueAt;
}

export function receiptLayout(d: Dossier, ctx: FormContext, event: FormEvent): FormLayout {
  const due = appointment(d, event);
  const days = workingDays(d.procedure.processingDays);
  const accept = lastEntry(d, ['accept']);
  const supplemented = event.entry.action === 'supplement';
  const rows = d.documents.map((doc, i) => {
    const requirement = ctx.requirements.get(doc.requirementId);
    return [String(i + 1), requirement?.name ?? doc.requirementId, doc.fileName, d.channel === 2 ? 'Bản điện tử' : (requirement?.copies ?? '01 bản')];
  });
  return {
    form: 'receipt',
    title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${d.code}`,
    subject: `Mẫu số 01, Phụ lục I, Thông tư 03/2025/TT-VPCP: ${d.procedure.name}`,
    date: event.entry.at,
    header: header(d, ctx, event.entry.at),
    blocks: [
      { kind: 'title', text: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' },
      { kind: 'centered', runs: [bold('Mã hồ sơ: '), keep(d.code, 'bold')] },
      { kind: 'space', height: 8 },
      field('Bộ phận Một cửa', { text: `đơn vị tiếp nhận mã ${d.receivingUnit}, ${provincialAuthority(ctx.tenant)}` }),
      field('Tiếp nhận hồ sơ của', bold(d.applicant.fullName)),
      field('Địa chỉ', { text: d.applicant.address }),
      field('Số điện thoại', keep(d.applicant.phone)),
      ...(d.applicant.email ? [field('Email', keep(d.applicant.email))] : []),
      field('Nội dung yêu cầu giải quyết', bold(d.procedure.name)),
      field('Mã thủ tục hành chính', keep(d.procedure.code)),
      { kind: 'paragraph', runs: [{ text: '1. Thành phần hồ sơ nộp gồm:' }] },
      {
        kind: 'table',
        columns: [
          { title: 'STT', width: 0.08, align: 'center' }, { title: 'Tên giấy tờ', width: 0.47 },
          { title: 'Tệp đã nộp', width: 0.29 }, { title: 'Hình thức', width: 0.16, align: 'center' },
        ],
        rows,
      },
      { kind: 'paragraph', runs: [{ text: `2. Số lượng hồ sơ: 01 bộ, gồm ${count2(d.documents.length)} giấy tờ.` }] },
      { kind: 'paragraph', runs: [{ text: '3. Thời gian giải quyết hồ sơ theo quy định: ' }, days ? keep(days) : { text: 'không quy định thời hạn' }, { text: '.' }] },
      { kind: 'paragraph', runs: [{ text: '4. Thời gian nhận hồ sơ: ' }, keep(timeAndDate(d.acceptedAt ?? event.entry.at)), { text: '.' }] },
      ...(supplemented ? [{ kind: 'paragraph', runs: [{ text: '    Nhận đủ hồ sơ bổ sung: ' }, keep(timeAndDate(event.entry.at)), { text: '.' }] } satisfies Block] : []),
      {
        kind: 'paragraph',
        runs: [{ text: '5. Thời gian trả kết quả giải quyết hồ sơ: ' }, ...(due ? [keep(timeAndDate(due), 'bold'), { text: '.' }] : [{ text: 'theo thông báo của cơ quan giải quyết.' }])],
      },
      field('6. Hình thức nộp hồ sơ', { text: `${CHANNEL_NAMES[d.channel] ?? `kênh ${d.channel}`}.` }),
      field('7. Đăng ký nhận kết quả tại', { text: `${resultPlace(d.channel, d.receivingUnit, d.applicant.address)}.` }),
    ],
    left: { title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: d.applicant.fullName },
    right: { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', ...(accept?.entry.by.name ? { name: accept.entry.by.name } : {}) },
    note: 'Tra cứu tình trạng giải quyết hồ sơ bằng mã hồ sơ và số điện thoại đã đăng ký.',
  };
}

export function apologyLayout(d: Dossier, ctx: FormContext, event: FormEvent): FormLayout {
  const extension = d.extension!;
  const name = d.applicant.fullName;
  const original = d.originalDueAt ?? event.entry.at;
  const indent = 28;
  return {
    form: 'apology',
    title: `Văn bản xin lỗi và hẹn lại ngày trả kết quả ${d.code}`,
    subject: `Mẫu số 04, Phụ lục I, Thông tư 03/2025/TT-VPCP: ${d.procedure.name}`,
    date: extension.at,
    header: header(d, ctx, extension.at),
    blocks: [
      { kind: 'title', text: 'VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ' },
      { kind: 'centered', runs: [bold('Mã hồ sơ: '), keep(d.code, 'bold')] },
      { kind: 'space', height: 8 },
      { kind: 'centered', runs: [{ text: 'Kính gửi: Ông/Bà ' }, keep(name, 'bold'), { text: '.' }] },
      { kind: 'space', height: 6 },
      {
        kind: 'paragraph', indent,
        runs: [
          { text: `Bộ phận Một cửa (đơn vị tiếp nhận mã ${d.receivingUnit}, ${provincialAuthority(ctx.tenant)}) đã tiếp nhận hồ sơ của Ông/Bà ` },
          keep(name, 'bold'), { text: ' lúc ' }, keep(timeAndDate(d.acceptedAt ?? d.submittedAt)), { text: ', đề nghị giải quyết thủ tục ' },
          bold(d.procedure.name), { text: ', mã hồ sơ ' }, keep(d.code), { text: '.' },
        ],
      },
      {
        kind: 'paragraph', indent,
        runs: [
          { text: 'Thời hạn trả kết quả ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả là ' }, keep(timeAndDate(original), 'bold'),
          { text: '. Tuy nhiên, đến nay cơ quan giải quyết chưa thể trả kết quả giải quyết hồ sơ đúng thời hạn này.' },
        ],
      },
      { kind: 'paragraph', indent, runs: [{ text: 'Lý do: ' }, { text: extension.reason }] },
      {
        kind: 'paragraph', indent,
        runs: [
          { text: 'Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà và xin hẹn lại thời gian trả kết quả giải quyết hồ sơ vào ' },
          keep(timeAndDate(extension.newDueAt), 'bold'), { text: '.' },
        ],
      },
      { kind: 'paragraph', indent, runs: [{ text: 'Xin trân trọng cảm ơn sự thông cảm và hợp tác của Ông/Bà./.' }] },
    ],
    left: { recipients: ['- Như trên;', `- Lưu: hồ sơ ${d.code}.`] },
    right: { title: 'CƠ QUAN GIẢI QUYẾT HỒ SƠ', note: '(Ký, ghi rõ họ tên và đóng dấu)', ...(event.entry.by.name ? { name: event.entry.by.name } : {}) },
  };
}

export function formLayout(form: FormKind, d: Dossier, ctx: FormContext, event: FormEvent): FormLayout {
  return form === 'receipt' ? receiptLayout(d, ctx, event) : apologyLayout(d, ctx, event);
}

/** Every text of a layout in reading order, one line per block: what the PDF must contain (tests, previews). */
export function layoutText(layout: FormLayout): string {
  const runs = (rs: Run[]) => rs.map((r) => r.text).join('');
  const sig = (s: Signature) => [s.title, s.note, s.name ?? ''];
  return [
    layout.header.authority.join(' '), layout.header.office, layout.header.unit,
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', layout.header.placeDate,
    ...layout.blocks.flatMap((b) => {
      switch (b.kind) {
        case 'title': return [b.text];
        case 'centered':
        case 'paragraph': return [runs(b.runs)];
        case 'table': return [b.columns.map((c) => c.title).join(' | '), ...b.rows.map((r) => r.join(' | '))];
        case 'space': return [];
      }
    }),
    ...('recipients' in layout.left ? ['Nơi nhận:', ...layout.left.recipients] : sig(layout.left)),
    ...sig(layout.right),
    layout.note ?? '',
  ].filter(Boolean).join('\n');
}

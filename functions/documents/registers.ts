// The outgoing and incoming registers (sổ đăng ký văn bản đi/đến) of a unit for a year, with the columns of
// DOMAIN.md, as JSON rows, CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese) or a printable page.
import type { Caller } from '#shared/auth';
import { formatVietnamDateTime } from '#shared/clock';
import { requireUnit } from './access';
import type { DocumentDeps } from './deps';
import type { IncomingDocument, OutgoingDocument } from './schemas';
import { keys } from './store';

type Row = Record<string, string | number>;

const COLUMNS = {
  outgoing: [
    ['numberSymbol', 'Số, ký hiệu văn bản'], ['date', 'Ngày tháng văn bản'], ['summary', 'Tên loại và trích yếu nội dung'],
    ['signer', 'Người ký'], ['recipients', 'Nơi nhận văn bản'], ['copies', 'Số lượng bản'], ['sentAt', 'Ngày chuyển'], ['note', 'Ghi chú'],
  ],
  incoming: [
    ['arrivalDate', 'Ngày đến'], ['arrivalNumber', 'Số đến'], ['sender', 'Tác giả (cơ quan gửi)'], ['numberSymbol', 'Số, ký hiệu'],
    ['date', 'Ngày tháng'], ['summary', 'Tên loại và trích yếu nội dung'], ['assignedTo', 'Đơn vị hoặc người nhận'], ['passedOn', 'Ngày chuyển'], ['note', 'Ghi chú'],
  ],
} as const;

const day = (iso?: string) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

function outgoingRow(d: OutgoingDocument): Row {
  const info = d.recipients.filter((r) => r.copy === 'info').length;
  return {
    number: d.number ?? 0, numberSymbol: d.numberSymbol ?? '', date: day(d.issuedAt), summary: `${d.typeName}: ${d.subject}`,
    signer: [d.signer.authority, d.signer.position, d.signer.name].filter(Boolean).join(' '),
    recipients: d.recipients.map((r) => r.agency + (r.copy === 'info' ? ' (để biết)' : '')).join('; '),
    copies: d.recipients.length + 1, sentAt: day(d.issuedAt), note: [d.status === 'recalled' ? 'Đã thu hồi' : '', info ? `${info} bản để biết` : ''].filter(Boolean).join('; '),
  };
}

function incomingRow(d: IncomingDocument): Row {
  const a = d.assignment;
  return {
    arrivalDate: day(d.registeredAt ?? d.arrivedAt), arrivalNumber: d.arrivalNumber ?? 0, sender: d.from.name, numberSymbol: d.numberSymbol,
    date: day(d.issuedAt), summary: `${d.typeName}: ${d.subject}`, assignedTo: a ? [a.unit, a.userId].filter(Boolean).join(' / ') : '',
    passedOn: day(a?.at), note: [d.status === '02' ? 'Từ chối tiếp nhận' : '', d.recalled ? 'Đã thu hồi' : ''].filter(Boolean).join('; '),
  };
}

export async function registerRows(deps: DocumentDeps, tenant: string, caller: Caller, unit: string, register: 'outgoing' | 'incoming', year: number, confidential: boolean): Promise<Row[]> {
  await requireUnit(deps, tenant, caller, [unit], ['clerk', 'leader']);
  const series = register === 'incoming' ? 'in' : confidential ? 'out-confidential' : 'out';
  const items = await deps.store.queryAll({ index: 'gsi2', pk: keys.registerPk(tenant, unit, series, year) });
  // The index carries list attributes only: read each full record for the register's columns.
  const rows: Row[] = [];
  for (const item of items) {
    if (register === 'outgoing') {
      const doc = await deps.store.getOutgoing(tenant, String(item.id));
      if (doc) rows.push(outgoingRow(doc));
    } else {
      const doc = await deps.store.getIncoming(tenant, String(item.id));
      if (doc) rows.push(incomingRow(doc));
    }
  }
  return rows;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) || safe !== s ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function registerCsv(register: 'outgoing' | 'incoming', rows: Row[]): string {
  const columns = COLUMNS[register];
  return `\uFEFF${[columns.map(([, label]) => csvCell(label)).join(','), ...rows.map((r) => columns.map(([key]) => csvCell(r[key] ?? '')).join(','))].join('\r\n')}\r\n`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function registerHtml(register: 'outgoing' | 'incoming', unitName: string, year: number, rows: Row[], printedAt: Date): string {
  const columns = COLUMNS[register];
  const title = register === 'outgoing' ? 'SỔ ĐĂNG KÝ VĂN BẢN ĐI' : 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${title} ${year}</title>
<style>body{font-family:"Times New Roman",serif;font-size:13pt;margin:2cm}h1{text-align:center;font-size:14pt}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:4px;vertical-align:top}th{font-weight:bold}
@media print{@page{size:A4 landscape;margin:1.5cm}}</style></head>
<body><p>${escapeHtml(unitName)}</p><h1>${title}<br>Năm ${year}</h1>
<table><thead><tr>${columns.map(([, label]) => `<th scope="col">${escapeHtml(label)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${columns.map(([key]) => `<td>${escapeHtml(String(r[key] ?? ''))}</td>`).join('')}</tr>`).join('\n')}</tbody></table>
<p>In lúc ${formatVietnamDateTime(printedAt)}</p></body></html>
`;
}

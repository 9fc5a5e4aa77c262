// The leaders' weekly work schedule (lịch công tác tuần): Monday to Sunday, each day by session (buổi sáng,
// chiều, tối), as data and as a printable page. Pure: the caller reads the week's occurrences and passes them in.
import { formatVietnamDateTime } from '#shared/clock';
import { addDays, vietnamDate, vietnamParts, type Week } from './time';

export interface WeekItem {
  meetingId: string;
  occurrence: string;
  title: string;
  start: Date;
  end: Date;
  chairPerson: string;
  chairUnitName: string;
  location: string;
  /** How many connection points take part. */
  points: number;
}

export const WEEKDAY_NAMES = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export interface WeekDay {
  date: string;
  weekday: WeekdayName;
  morning: WeekItem[];
  afternoon: WeekItem[];
  evening: WeekItem[];
}

export interface WeekSchedule {
  /** Monday and Sunday, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Always seven days, Monday first. */
  days: WeekDay[];
}

type Session = 'morning' | 'afternoon' | 'evening';
const SESSIONS: readonly Session[] = ['morning', 'afternoon', 'evening'];
const SESSION_NAMES: Record<Session, string> = { morning: 'Sáng', afternoon: 'Chiều', evening: 'Tối' };

/** The session by the start's Vietnam time: before 12:00 morning, before 18:00 afternoon, then evening. */
function sessionOf(start: Date): Session {
  const { hour } = vietnamParts(start);
  return hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
}

const byStart = (a: WeekItem, b: WeekItem) =>
  a.start.getTime() - b.start.getTime() ||
  a.end.getTime() - b.end.getTime() ||
  a.title.localeCompare(b.title, 'vi') ||
  a.meetingId.localeCompare(b.meetingId) ||
  a.occurrence.localeCompare(b.occurrence);

/**
 * The week's schedule. An item belongs to the day and session in which it starts (Vietnam time), so a meeting from
 * Sunday 23:00 to Monday 01:00 is Sunday evening's; items starting outside the week are left out.
 */
export function weekSchedule(input: { week: Week; items: readonly WeekItem[] }): WeekSchedule {
  const { week } = input;
  const days: WeekDay[] = WEEKDAY_NAMES.map((weekday, i) => ({ date: addDays(week.monday, i), weekday, morning: [], afternoon: [], evening: [] }));
  const dayByDate = new Map(days.map((d) => [d.date, d]));
  for (const item of [...input.items].sort(byStart)) {
    dayByDate.get(vietnamDate(item.start))?.[sessionOf(item.start)].push(item);
  }
  return { from: week.monday, to: week.sunday, days };
}

// ---- the printable page

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `YYYY-MM-DD` → `dd/MM/yyyy`. */
const vietnameseDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
/** formatVietnamDateTime gives `HH:mm dd/MM/yyyy`. */
const timeOf = (instant: Date) => formatVietnamDateTime(instant).slice(0, 5);

function timeCell(item: WeekItem): string {
  const end = vietnamDate(item.end) === vietnamDate(item.start) ? timeOf(item.end) : formatVietnamDateTime(item.end);
  return `${timeOf(item.start)} – ${end}`;
}

function dayRows(day: WeekDay): string[] {
  const sessions = SESSIONS.filter((s) => day[s].length);
  const total = sessions.reduce((n, s) => n + day[s].length, 0);
  const dayCell = `<th scope="row" rowspan="${Math.max(total, 1)}">${day.weekday}<br>${vietnameseDate(day.date)}</th>`;
  if (total === 0) return [`<tr class="day">${dayCell}<td></td><td></td><td class="none">Không có lịch</td><td></td><td></td></tr>`];
  const rows: string[] = [];
  for (const session of sessions) {
    day[session].forEach((item, i) => {
      const first = rows.length === 0;
      const cells = [
        first ? dayCell : '',
        i === 0 ? `<td rowspan="${day[session].length}">${SESSION_NAMES[session]}</td>` : '',
        `<td class="time">${escapeHtml(timeCell(item))}</td>`,
        `<td>${escapeHtml(item.title)}${item.points > 0 ? `<div class="points">${item.points} điểm cầu</div>` : ''}</td>`,
        `<td>${escapeHtml(item.chairPerson)}${item.chairUnitName ? `<div class="unit">${escapeHtml(item.chairUnitName)}</div>` : ''}</td>`,
        `<td>${escapeHtml(item.location)}</td>`,
      ];
      rows.push(`<tr${first ? ' class="day"' : ''}>${cells.join('')}</tr>`);
    });
  }
  return rows;
}

/** A complete HTML5 page in Vietnamese, A4 landscape when printed; every value from the data is escaped. */
export function renderWeekHtml(input: { schedule: WeekSchedule; tenantName: string; title?: string }): string {
  const { schedule } = input;
  const title = input.title ?? 'LỊCH CÔNG TÁC TUẦN';
  const range = `Từ ngày ${vietnameseDate(schedule.from)} đến ngày ${vietnameseDate(schedule.to)}`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} (${range})</title>
<style>body{font-family:"Times New Roman",serif;font-size:12pt;margin:1.5cm}
.tenant{font-weight:bold;margin:0}h1{text-align:center;font-size:15pt;margin:12pt 0 2pt}.range{text-align:center;font-style:italic;margin:0 0 12pt}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:3pt 5pt;vertical-align:top;text-align:left}
thead th{text-align:center;background:#eee}tbody th{font-weight:bold;white-space:nowrap}.time{white-space:nowrap}
.points,.unit{font-size:10.5pt;font-style:italic}.none{color:#555;font-style:italic}
thead{display:table-header-group}tr{break-inside:avoid}
@media print{body{margin:0}@page{size:A4 landscape;margin:1.2cm}thead th{background:none}}</style></head>
<body><p class="tenant">${escapeHtml(input.tenantName)}</p>
<h1>${escapeHtml(title)}</h1><p class="range">(${range})</p>
<table><thead><tr><th scope="col">Thứ/ngày</th><th scope="col">Buổi</th><th scope="col">Thời gian</th><th scope="col">Nội dung</th><th scope="col">Chủ trì</th><th scope="col">Địa điểm</th></tr></thead>
<tbody>
${schedule.days.flatMap(dayRows).join('\n')}
</tbody></table></body></html>
`;
}

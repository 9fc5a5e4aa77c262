// The figures of a period or a day as a table: one row per group and the total, every column headed. The table is
// also the text alternative of the chart.
import { lang, t } from '../core/i18n';
import type { Figures } from './api';
import { STATS_TEXT as T } from './text';

/** The columns of the table and the CSV, in order. */
export const COLUMNS: { text: typeof T.received; value: (f: Figures) => number | null }[] = [
  { text: T.received, value: (f) => f.received },
  { text: T.finished, value: (f) => f.finished },
  { text: T.finishedOnTime, value: (f) => f.finishedOnTime },
  { text: T.finishedLate, value: (f) => f.finishedLate },
  { text: T.inProgress, value: (f) => f.inProgress },
  { text: T.inProgressOverdue, value: (f) => f.inProgressOverdue },
  { text: T.withdrawn, value: (f) => f.withdrawn },
  { text: T.onTimeRate, value: (f) => f.onTimeRate },
  { text: T.satisfaction, value: (f) => f.satisfactionIndex },
];

/** A figure as the reader's language writes numbers; a rate with nothing to rate says so. */
export const show = (value: number | null): string => (value === null ? t(T.noRate) : value.toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-US'));

export interface FiguresRow { key: string; name: string; figures: Figures }

export function FiguresTable(props: { heading: string; rows: FiguresRow[]; total: Figures }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{t(T.tableTitle)}</caption>
        <thead>
          <tr><th scope="col">{props.heading}</th>{COLUMNS.map((c) => <th scope="col" key={c.text.vi}>{t(c.text)}</th>)}</tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}{r.name !== r.key ? <div class="muted"><small>{r.key}</small></div> : null}</th>
              {COLUMNS.map((c) => <td key={c.text.vi}>{show(c.value(r.figures))}</td>)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th scope="row">{t(T.total)}</th>{COLUMNS.map((c) => <td key={c.text.vi}><strong>{show(c.value(props.total))}</strong></td>)}</tr>
        </tfoot>
      </table>
    </div>
  );
}

// The printable weekly work schedule (lịch công tác tuần): Monday to Sunday, each day by session, as the office
// prints it for the leaders. The controls are no-print; styles.css hides the site header in print.
import { useEffect } from 'preact/hooks';
import type { AreaProps } from '../core/area';
import { formatTime, vietnamDay } from '../core/format';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { Button, Loading, useLoad } from '../core/ui';
import { weekSchedule, type WeekDay, type WeekItem } from './api';
import { addDays, isDay, mondayOf, showDay } from './dates';
import { fill, MT, SESSIONS, WEEKDAYS } from './text';

const SESSION_KEYS = ['morning', 'afternoon', 'evening'] as const;
const cell = { border: '1px solid #000', padding: '.3rem .4rem' };

export function Schedule({ config, route }: AreaProps) {
  useLang();
  const tenant = config.id;
  const asked = route.query.get('week');
  const monday = mondayOf(isDay(asked) ? asked : vietnamDay());
  const state = useLoad(() => weekSchedule(tenant, monday), [tenant, monday]);
  useEffect(() => { document.title = `${t(MT.scheduleTitle)} — Tỉnh Số`; });
  const weekHref = (day: string) => `${href(tenant, 'console', 'meetings', 'schedule')}?week=${day}`;
  return (
    // Not <Page>: on paper the heading is the schedule's own (LỊCH CÔNG TÁC TUẦN), not the screen's title.
    <section class="page" aria-labelledby="page-title">
      <div class="actions no-print">
        <a class="btn" href={weekHref(addDays(monday, -7))}>{t(MT.previousWeek)}</a>
        <a class="btn" href={weekHref(addDays(monday, 7))}>{t(MT.nextWeek)}</a>
        <Button kind="primary" onClick={() => window.print()}>{t(MT.print)}</Button>
        <a class="btn" href={`${href(tenant, 'console', 'meetings')}?week=${monday}`}>{t(MT.cancelBack)}</a>
      </div>
      <article style={{ fontFamily: '"Times New Roman", serif', background: '#fff', padding: '.5rem' }}>
        <p style={{ fontWeight: 700, margin: 0 }}>{config.name}</p>
        <h1 id="page-title" tabIndex={-1} style={{ textAlign: 'center', margin: '.75rem 0 0', fontSize: '1.3rem' }}>{t(MT.scheduleHeading)}</h1>
        <p style={{ textAlign: 'center', fontStyle: 'italic', marginTop: 0 }}>{fill(t(MT.scheduleRange), { from: showDay(monday), to: showDay(addDays(monday, 6)) })}</p>
        <Loading state={state}>
          {(week) => (
            <div class="table-wrap">
              <table style={{ borderCollapse: 'collapse' }}>
                <thead>
                  <tr>
                    {[MT.colDay, MT.colSession, MT.colTime, MT.colContent, MT.colChair, MT.colPlace].map((c) => <th key={c.vi} scope="col" style={cell}>{t(c)}</th>)}
                  </tr>
                </thead>
                <tbody>{week.days.flatMap((day, i) => dayRows(day, i))}</tbody>
              </table>
            </div>
          )}
        </Loading>
      </article>
    </section>
  );
}

function timeCell(item: WeekItem): string {
  return vietnamDay(item.start) === vietnamDay(item.end) ? `${formatTime(item.start)} – ${formatTime(item.end)}` : `${formatTime(item.start)} – ${formatTime(item.end)} ${showDay(vietnamDay(item.end))}`;
}

/** One row per item, the day's cell spanning them all and each session's cell its own items (as on paper). */
function dayRows(day: WeekDay, index: number) {
  const sessions = SESSION_KEYS.filter((s) => day[s].length);
  const total = sessions.reduce((n, s) => n + day[s].length, 0);
  const dayCell = (
    <th scope="row" rowSpan={Math.max(total, 1)} style={{ ...cell, whiteSpace: 'nowrap' }}>
      {t(WEEKDAYS[index]!)}<br />{showDay(day.date)}
    </th>
  );
  if (total === 0) {
    return [<tr key={day.date} style={{ breakInside: 'avoid' }}>{dayCell}<td style={cell} /><td style={cell} /><td style={{ ...cell, fontStyle: 'italic' }} class="muted">{t(MT.noSchedule)}</td><td style={cell} /><td style={cell} /></tr>];
  }
  const rows = [];
  for (const session of sessions) {
    for (const [i, item] of day[session].entries()) {
      const first = rows.length === 0;
      rows.push(
        <tr key={`${item.meetingId}-${item.occurrence}`} style={{ breakInside: 'avoid' }}>
          {first ? dayCell : null}
          {i === 0 ? <td rowSpan={day[session].length} style={cell}>{t(SESSIONS[session])}</td> : null}
          <td style={{ ...cell, whiteSpace: 'nowrap' }}>{timeCell(item)}</td>
          <td style={cell}>{item.title}{item.points > 0 ? <div style={{ fontStyle: 'italic', fontSize: '.9em' }}>{fill(t(MT.pointsCount), { n: item.points })}</div> : null}</td>
          <td style={cell}>{item.chairPerson}{item.chairUnitName ? <div style={{ fontStyle: 'italic', fontSize: '.9em' }}>{item.chairUnitName}</div> : null}</td>
          <td style={cell}>{item.location}</td>
        </tr>,
      );
    }
  }
  return rows;
}

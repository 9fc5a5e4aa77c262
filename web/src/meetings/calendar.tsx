// The week calendar: Monday to Sunday in Vietnam, each day a card listing its meetings with their points (one
// column on a phone, a row of days on a wide screen), today marked, previous/next week by link (shareable).
import { useEffect, useState } from 'preact/hooks';
import type { AreaProps } from '../core/area';
import { formatTime, vietnamDay, vietnamIso } from '../core/format';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { Alert, Badge, Loading, Page, useLoad } from '../core/ui';
import { listOccurrences, listPoints, type Occurrence, type Point } from './api';
import { addDays, isDay, mondayOf, showDay } from './dates';
import { fill, MT, WEEKDAYS } from './text';

export function Calendar({ config, route }: AreaProps) {
  useLang();
  const tenant = config.id;
  const today = vietnamDay();
  const asked = route.query.get('week');
  const monday = mondayOf(isDay(asked) ? asked : today);
  const sunday = addDays(monday, 6);
  const state = useLoad(async () => {
    const [items, points] = await Promise.all([
      listOccurrences(tenant, vietnamIso(monday), vietnamIso(addDays(monday, 7))),
      listPoints(tenant),
    ]);
    return { items, points: new Map(points.map((p) => [p.id, p])) };
  }, [tenant, monday]);
  const weekHref = (day: string) => `${href(tenant, 'console', 'meetings')}?week=${day}`;
  const booked = route.query.get('booked');
  const narrow = useNarrow();
  return (
    <Page
      title={t(MT.calendarTitle)}
      lead={t(MT.calendarLead)}
    >
      <div class="actions">
        <a class="btn btn-primary" href={href(tenant, 'console', 'meetings', 'new')}>{t(MT.book)}</a>
        <a class="btn" href={`${href(tenant, 'console', 'meetings', 'schedule')}?week=${monday}`}>{t(MT.printSchedule)}</a>
      </div>
      <nav class="actions" aria-label={fill(t(MT.weekOf), { from: showDay(monday), to: showDay(sunday) })}>
        <a class="btn" href={weekHref(addDays(monday, -7))}>{t(MT.previousWeek)}</a>
        <a class="btn" href={weekHref(today)} aria-current={monday === mondayOf(today) ? 'date' : undefined}>{t(MT.thisWeek)}</a>
        <a class="btn" href={weekHref(addDays(monday, 7))}>{t(MT.nextWeek)}</a>
      </nav>
      <h2>{fill(t(MT.weekOf), { from: showDay(monday), to: showDay(sunday) })}</h2>
      <Loading state={state}>
        {({ items, points }) => {
          const just = booked ? items.find((o) => o.meetingId === booked) : undefined;
          return (
            <>
              {just ? <Alert kind="success">{fill(t(MT.booked), { title: just.title })}</Alert> : null}
              <ol class={narrow ? 'stack' : 'cards'} style={narrow ? { listStyle: 'none', padding: 0 } : { gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: '.5rem' }}>
                {WEEKDAYS.map((name, i) => {
                  const day = addDays(monday, i);
                  return <DayCard key={day} tenant={tenant} day={day} name={t(name)} isToday={day === today} items={items.filter((o) => vietnamDay(o.start) === day)} points={points} />;
                })}
              </ol>
            </>
          );
        }}
      </Loading>
    </Page>
  );
}

/** True on a phone-sized screen: the week is then a list of days, one under the other. */
function useNarrow(): boolean {
  const query = '(max-width: 48rem)';
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setNarrow(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

function DayCard(props: { tenant: string; day: string; name: string; isToday: boolean; items: Occurrence[]; points: Map<string, Point> }) {
  const headingId = `day-${props.day}`;
  const pointName = (id: string) => props.points.get(id)?.name ?? id;
  return (
    <li class="card" style={{ padding: '.75rem', ...(props.isToday ? { borderColor: 'var(--link)', borderWidth: '3px' } : {}) }} aria-labelledby={headingId} aria-current={props.isToday ? 'date' : undefined}>
      <h3 id={headingId} style={{ margin: '0 0 .5rem', fontSize: '1rem' }}>
        {props.name} {showDay(props.day)} {props.isToday ? <Badge tone="info">{t(MT.today)}</Badge> : null}
      </h3>
      {props.items.length === 0 ? <p class="muted" style={{ margin: 0 }}>{t(MT.noMeetings)}</p> : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} class="stack">
          {[...props.items].sort((a, b) => a.start.localeCompare(b.start)).map((o) => (
            <li key={`${o.meetingId}-${o.occurrence}`}>
              <strong>{formatTime(o.start)}–{formatTime(o.end)}</strong>{' '}
              <a href={href(props.tenant, 'console', 'meetings', o.meetingId)}>{o.title}</a>
              {o.recurring ? <> <Badge>{t(MT.recurring)}</Badge></> : null}
              <div class="muted" style={{ fontSize: '.9rem' }}>
                {t(MT.host)}: {pointName(o.hostPoint)}
                {o.points.length > 1 ? <> · {fill(t(MT.pointsCount), { n: o.points.length })}: {o.points.filter((p) => p !== o.hostPoint).map(pointName).join(', ')}</> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

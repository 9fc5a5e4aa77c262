// Booking a video conference. The conflict is shown on the spot: as soon as the day, the times and the points make
// a valid window, the page reads the province's meetings overlapping it (GET /meetings has the occurrences; the API
// has no availability route) and names each busy point and the meeting holding it. The API stays the judge: its
// 409 POINT_BUSY, listing the same, is shown too if a booking slips in between.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, newKey } from '../core/api';
import type { AreaProps } from '../core/area';
import { hasRole, session } from '../core/auth';
import { vietnamIso } from '../core/format';
import { t, useLang } from '../core/i18n';
import { href, navigate } from '../core/router';
import { useStore } from '../core/store';
import { Alert, Button, Checkbox, ErrorAlert, Loading, Page, SelectField, TextArea, TextField, useDraft, useLoad, Invalid, useSubmit } from '../core/ui';
import { createMeeting, listOccurrences, listPoints, listUnits, type Collision, type CreateMeeting, type Point, type Unit } from './api';
import { parseDay, parseTime, showSpan } from './dates';
import { fill, MT } from './text';

interface Draft { title: string; chairUnit: string; chairPerson: string; date: string; start: string; end: string; hostPoint: string; points: string[]; agenda: string }

export function Booking({ config }: AreaProps) {
  useLang();
  const tenant = config.id;
  const state = useLoad(async () => {
    const [points, units] = await Promise.all([listPoints(tenant), listUnits(tenant)]);
    return { points: points.filter((p) => p.active), units };
  }, [tenant]);
  return (
    <Page title={t(MT.bookTitle)} lead={t(MT.bookLead)}>
      <Loading state={state}>{(data) => <BookingForm tenant={tenant} points={data.points} units={data.units} />}</Loading>
    </Page>
  );
}

/** The window the form describes, when its day and times read right. */
function windowOf(d: Draft): { start: string; end: string; day: string } | undefined {
  const day = parseDay(d.date);
  const start = parseTime(d.start);
  const end = parseTime(d.end);
  if (!day || !start || !end || end <= start) return undefined;
  return { day, start: vietnamIso(day, start), end: vietnamIso(day, end) };
}

function BookingForm(props: { tenant: string; points: Point[]; units: Unit[] }) {
  const { tenant, points, units } = props;
  const user = useStore(session);
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`meetings.new.${tenant}`, {
    title: '', chairUnit: user?.unit ?? '', chairPerson: '', date: '', start: '', end: '', hostPoint: '', points: [], agenda: '',
  });
  const [check, setCheck] = useState<{ state: 'idle' | 'checking' | 'done'; collisions: Collision[] }>({ state: 'idle', collisions: [] });
  const intent = useRef<{ body: string; key: string } | undefined>(undefined);
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const pointById = new Map(points.map((p) => [p.id, p]));
  const unitName = (code: string) => units.find((u) => u.code === code)?.name ?? code;
  const pointName = (id: string) => pointById.get(id)?.name ?? id;
  const chosen = [...new Set([draft.hostPoint, ...draft.points].filter(Boolean))];
  const span = windowOf(draft);

  // The on-the-spot check: every meeting overlapping the window, kept when it uses one of the chosen points.
  const checkKey = span && chosen.length ? `${span.start}|${span.end}|${chosen.join(',')}` : '';
  useEffect(() => {
    if (!checkKey || !span) { setCheck({ state: 'idle', collisions: [] }); return; }
    let live = true;
    setCheck((c) => ({ ...c, state: 'checking' }));
    const timer = setTimeout(() => {
      listOccurrences(tenant, span.start, span.end).then((items) => {
        if (!live) return;
        const collisions: Collision[] = [];
        for (const point of chosen) {
          const meetings = items.filter((o) => o.points.includes(point) && Date.parse(o.start) < Date.parse(span.end) && Date.parse(o.end) > Date.parse(span.start))
            .map((o) => ({ meetingId: o.meetingId, title: o.title, occurrence: o.occurrence, start: o.start, end: o.end }));
          if (meetings.length) collisions.push({ point, meetings });
        }
        setCheck({ state: 'done', collisions });
      }, () => { if (live) setCheck({ state: 'idle', collisions: [] }); });
    }, 300);
    return () => { live = false; clearTimeout(timer); };
  }, [checkKey]);

  const invitedUnits = [...new Set([draft.chairUnit, ...chosen.map((p) => pointById.get(p)?.unit ?? '')].filter(Boolean))];

  const submit = useSubmit(async () => {
    const local: Record<string, string> = {};
    const day = parseDay(draft.date);
    if (!day) local.date = t(MT.badDate);
    if (!parseTime(draft.start)) local.start = t(MT.badTime);
    if (!parseTime(draft.end)) local.end = t(MT.badTime);
    if (Object.keys(local).length) throw new Invalid(local);
    const body: CreateMeeting = {
      title: draft.title.trim(), chairUnit: draft.chairUnit, chairPerson: draft.chairPerson.trim(), hostPoint: draft.hostPoint,
      points: draft.points.filter((p) => p !== draft.hostPoint),
      start: vietnamIso(day!, parseTime(draft.start)), end: vietnamIso(day!, parseTime(draft.end)),
      ...(draft.agenda.trim() ? { agenda: draft.agenda.trim() } : {}),
    };
    // One Idempotency-Key per intent: the same form sent again (a retry after a lost connection) books once.
    const text = JSON.stringify(body);
    if (intent.current?.body !== text) intent.current = { body: text, key: newKey() };
    const meeting = await createMeeting(tenant, body, intent.current.key);
    clearDraft();
    navigate(`${href(tenant, 'console', 'meetings')}?week=${day}&booked=${meeting.id}`);
  });
  const { error, errors } = submit;
  const refusal = error instanceof ApiError && error.code === 'POINT_BUSY' ? ((error.details as { points?: Collision[] } | undefined)?.points ?? []) : undefined;

  // An officer books only for their own unit (the API says so with 403 NOT_YOUR_UNIT); clerks, leaders and the
  // tenant-admin arrange meetings for any unit.
  const anyUnit = hasRole(user, 'clerk', 'leader', 'tenant-admin');
  const unitOptions = units.filter((u) => u.active && (anyUnit || u.code === user?.unit)).map((u) => ({ value: u.code, label: u.name }));
  const pointOptions = points.map((p) => ({ value: p.id, label: `${p.name} (${unitName(p.unit)})` }));
  return (
    <form onSubmit={submit.run} noValidate class="stack" style={{ maxWidth: '44rem' }}>
      <div class="panel">
        <TextField label={t(MT.title)} required value={draft.title} onValue={set('title')} error={errors.title} maxLength={500} />
        <SelectField label={t(MT.chairUnit)} required value={draft.chairUnit} onValue={set('chairUnit')} options={unitOptions} placeholder={t(MT.choose)} error={errors.chairUnit} />
        <TextField label={t(MT.chairPerson)} hint={t(MT.chairPersonHint)} required value={draft.chairPerson} onValue={set('chairPerson')} error={errors.chairPerson} maxLength={200} />
        <div class="row">
          <TextField label={t(MT.date)} hint={t(MT.dateHint)} required value={draft.date} onValue={set('date')} error={errors.date} inputMode="numeric" placeholder="dd/mm/yyyy" autoComplete="off" />
          <TextField label={t(MT.start)} hint={t(MT.timeHint)} required value={draft.start} onValue={set('start')} error={errors.start} inputMode="numeric" placeholder="08:00" autoComplete="off" style={{ width: '7rem' }} />
          <TextField label={t(MT.end)} hint={t(MT.timeHint)} required value={draft.end} onValue={set('end')} error={errors.end} inputMode="numeric" placeholder="09:30" autoComplete="off" style={{ width: '7rem' }} />
        </div>
      </div>
      <div class="panel">
        <SelectField label={t(MT.hostPoint)} required value={draft.hostPoint} onValue={set('hostPoint')} options={pointOptions} placeholder={t(MT.choose)} error={errors.hostPoint} />
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600 }}>{t(MT.otherPoints)}</legend>
          <div style={{ maxHeight: '18rem', overflowY: 'auto' }}>
            {points.filter((p) => p.id !== draft.hostPoint).map((p) => (
              <Checkbox key={p.id} label={`${p.name} (${unitName(p.unit)})`} checked={draft.points.includes(p.id)}
                onChecked={(on) => setDraft((d) => ({ ...d, points: on ? [...d.points, p.id] : d.points.filter((x) => x !== p.id) }))} />
            ))}
          </div>
        </fieldset>
        <Availability state={check.state} collisions={check.collisions} ready={!!checkKey} pointName={pointName} tenant={tenant} />
      </div>
      <div class="panel">
        <TextArea label={t(MT.agenda)} value={draft.agenda} onValue={set('agenda')} error={errors.agenda} maxLength={5000} />
        <h2 style={{ fontSize: '1rem', margin: '0 0 .25rem' }}>{t(MT.invitees)}</h2>
        <p class="muted" style={{ margin: '0 0 .25rem' }}>{t(MT.inviteesHint)}</p>
        <ul>{invitedUnits.map((u) => <li key={u}>{unitName(u)}</li>)}</ul>
      </div>
      {refusal ? (
        <Alert kind="error">
          <strong>{t(MT.refused)}</strong> {error instanceof ApiError ? t(error.text) : null}
          <CollisionList collisions={refusal} pointName={pointName} tenant={tenant} />
        </Alert>
      ) : <ErrorAlert error={error} />}
      <div class="actions">
        <Button kind="primary" type="submit" busy={submit.busy}>{t(MT.submit)}</Button>
        <a class="btn" href={href(tenant, 'console', 'meetings')}>{t(MT.cancelBack)}</a>
      </div>
    </form>
  );
}

function Availability(props: { state: 'idle' | 'checking' | 'done'; collisions: Collision[]; ready: boolean; pointName: (id: string) => string; tenant: string }) {
  if (!props.ready) return null;
  if (props.state === 'checking') return <p class="muted" role="status">{t(MT.checking)}</p>;
  if (props.state !== 'done') return null;
  if (!props.collisions.length) return <Alert kind="success">{t(MT.free)}</Alert>;
  return (
    <Alert kind="warning">
      <strong>{t(MT.conflictTitle)}</strong>
      <CollisionList collisions={props.collisions} pointName={props.pointName} tenant={props.tenant} />
      {t(MT.conflictHint)}
    </Alert>
  );
}

function CollisionList(props: { collisions: Collision[]; pointName: (id: string) => string; tenant: string }) {
  // The sentence around the meeting's title, which links to that meeting.
  const [before, after] = t(MT.conflictLine).split('{title}') as [string, string];
  return (
    <ul style={{ margin: '.25rem 0' }}>
      {props.collisions.flatMap((c) => c.meetings.map((m) => (
        <li key={`${c.point}-${m.meetingId}-${m.occurrence}`}>
          {fill(before, { point: props.pointName(c.point) })}
          <a href={href(props.tenant, 'console', 'meetings', m.meetingId)}>{m.title}</a>
          {fill(after, { time: showSpan(m.start, m.end) })}
        </li>
      )))}
    </ul>
  );
}

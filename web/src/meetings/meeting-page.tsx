// One meeting: its details and points, the invitations the API sent (to each participating unit: the chair and the
// unit of every point, by the unit's mailbox or else to its staff), the join link of the caller's point, and the
// chair's change and cancellation (each re-sends the notices).
import { useState } from 'preact/hooks';
import type { AreaProps } from '../core/area';
import { hasRole, session } from '../core/auth';
import { formatDateTime, formatTime, vietnamDay, vietnamIso } from '../core/format';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { useStore } from '../core/store';
import { Alert, Badge, Button, Checkbox, Dialog, ErrorAlert, Loading, Page, SelectField, TextArea, TextField, useLoad, Invalid, useSubmit } from '../core/ui';
import { cancelMeeting, changeMeeting, getMeeting, joinLink, listOfficials, listPoints, listUnits, type JoinLink, type Meeting, type Official, type Point, type Unit } from './api';
import { parseDay, parseTime, showDay, showSpan } from './dates';
import { fill, MT } from './text';

/** Who reads a unit's mail when it has no mailbox (functions/meetings/invitations.ts UNIT_READERS). */
const UNIT_READERS = ['leader', 'clerk', 'officer', 'tenant-admin'];

interface Loaded { meeting: Meeting; points: Map<string, Point>; units: Map<string, Unit>; readers: Map<string, Official[]> }

export function MeetingPage({ config, path }: AreaProps) {
  useLang();
  const tenant = config.id;
  const id = path[0]!;
  const state = useLoad<Loaded>(async () => {
    const [meeting, points, units] = await Promise.all([getMeeting(tenant, id), listPoints(tenant), listUnits(tenant)]);
    const pointMap = new Map(points.map((p) => [p.id, p]));
    const unitMap = new Map(units.map((u) => [u.code, u]));
    const invited = participatingUnits(meeting, pointMap);
    // Units without a mailbox: their staff got the invitation, so name them.
    const readers = new Map(await Promise.all(invited.filter((u) => !unitMap.get(u)?.email).map(async (u) => {
      const staff = await listOfficials(tenant, u).catch(() => [] as Official[]);
      return [u, staff.filter((s) => s.enabled && s.roles.some((r) => UNIT_READERS.includes(r)))] as const;
    })));
    return { meeting, points: pointMap, units: unitMap, readers };
  }, [tenant, id]);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  return (
    <Loading state={state}>
      {(data) => (
        <Page title={data.meeting.title} actions={<a class="btn" href={`${href(tenant, 'console', 'meetings')}?week=${vietnamDay(data.meeting.start)}`}>{t(MT.cancelBack)}</a>}>
          {notice ? <Alert kind="success">{notice}</Alert> : null}
          <Details data={data} />
          <Invitations data={data} />
          {data.meeting.status === 'scheduled' ? <Join tenant={tenant} data={data} /> : null}
          {data.meeting.status === 'scheduled' ? (
            <Manage tenant={tenant} data={data} onDone={(text) => { setNotice(text); state.reload(); }} />
          ) : null}
        </Page>
      )}
    </Loading>
  );
}

function participatingUnits(m: Meeting, points: Map<string, Point>): string[] {
  return [...new Set([m.chairUnit, ...m.points.map((p) => points.get(p)?.unit ?? '')].filter(Boolean))];
}

function Details({ data }: { data: Loaded }) {
  const { meeting: m, points, units } = data;
  const unitName = (code: string) => units.get(code)?.name ?? code;
  const checkedIn = new Set((m.attendance ?? []).map((a) => a.point));
  return (
    <section class="panel" aria-labelledby="meeting-details">
      <h2 id="meeting-details" class="sr-only">{t(MT.meetingTitle)}</h2>
      <dl class="facts">
        <dt>{t(MT.time)}</dt><dd>{showSpan(m.start, m.end)}{m.recurrence ? <> <Badge>{t(MT.recurring)}</Badge></> : null}</dd>
        <dt>{t(MT.status)}</dt><dd>{m.status === 'cancelled' ? <Badge tone="danger">{t(MT.cancelled)}</Badge> : <Badge tone="success">{t(MT.scheduled)}</Badge>}</dd>
        {m.status === 'cancelled' && m.cancelReason ? <><dt>{t(MT.cancelReason)}</dt><dd>{m.cancelReason}</dd></> : null}
        <dt>{t(MT.chair)}</dt><dd>{m.chairPerson} — {unitName(m.chairUnit)}</dd>
        <dt>{t(MT.hostPoint)}</dt><dd>{points.get(m.hostPoint)?.name ?? m.hostPoint}</dd>
        {m.agenda ? <><dt>{t(MT.agendaLabel)}</dt><dd style={{ whiteSpace: 'pre-line' }}>{m.agenda}</dd></> : null}
      </dl>
      <h3>{t(MT.points)}</h3>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">{t(MT.pointName)}</th><th scope="col">{t(MT.unit)}</th><th scope="col">{t(MT.role)}</th></tr></thead>
          <tbody>
            {m.points.map((p) => (
              <tr key={p}>
                <td>{points.get(p)?.name ?? p}</td>
                <td>{unitName(points.get(p)?.unit ?? '')}</td>
                <td>{p === m.hostPoint ? t(MT.hostRole) : t(MT.participantRole)}{checkedIn.has(p) ? <> <Badge tone="success">{t(MT.checkedIn)}</Badge></> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Invitations({ data }: { data: Loaded }) {
  const { meeting: m, points, units, readers } = data;
  const invited = participatingUnits(m, points);
  const changes = m.sequence > 0 ? fill(t(MT.invitationChanges), { n: m.sequence }) : '';
  return (
    <section class="panel" aria-labelledby="meeting-invitations">
      <h2 id="meeting-invitations">{t(MT.invitations)}</h2>
      <p>{fill(t(MT.invitationsLead), { changes })}</p>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">{t(MT.unit)}</th><th scope="col">{t(MT.recipients)}</th></tr></thead>
          <tbody>
            {invited.map((code) => {
              const unit = units.get(code);
              const staff = readers.get(code) ?? [];
              return (
                <tr key={code}>
                  <td>{unit?.name ?? code}{code === m.chairUnit ? <> <Badge>{t(MT.chairMark)}</Badge></> : null}</td>
                  <td>
                    {unit?.email ? <>{unit.email} ({t(MT.unitMailbox)})</>
                      : staff.length ? <ul style={{ margin: 0, paddingLeft: '1.1rem' }}>{staff.map((s) => <li key={s.id}>{s.name} &lt;{s.email}&gt;</li>)}</ul>
                        : <span class="muted">{t(MT.noRecipients)}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Join({ tenant, data }: { tenant: string; data: Loaded }) {
  const user = useStore(session);
  const { meeting: m, points } = data;
  // A point's staff join for it (the API refuses others); the tenant-admin may join for any.
  const mine = m.points.filter((p) => hasRole(user, 'tenant-admin') || points.get(p)?.unit === user?.unit);
  const [point, setPoint] = useState(mine[0] ?? '');
  const [link, setLink] = useState<JoinLink | undefined>(undefined);
  const fetchLink = useSubmit(async () => setLink(await joinLink(tenant, m.id, point)));
  return (
    <section class="panel no-print" aria-labelledby="meeting-join">
      <h2 id="meeting-join">{t(MT.join)}</h2>
      {mine.length === 0 ? <p class="muted">{t(MT.noJoinPoint)}</p> : (
        <>
          <div class="row">
            <SelectField label={t(MT.joinPoint)} value={point} onValue={(v) => { setPoint(v); setLink(undefined); }} options={mine.map((p) => ({ value: p, label: points.get(p)?.name ?? p }))} />
            <div class="field"><Button onClick={fetchLink.run} busy={fetchLink.busy}>{t(MT.getJoin)}</Button></div>
          </div>
          <ErrorAlert error={fetchLink.error} />
          {link ? (
            <Alert kind="info">
              <a href={link.url} target="_blank" rel="noopener">{t(MT.joinLink)}</a>
              {link.expiresAt ? <> — {fill(t(MT.joinExpires), { time: formatDateTime(link.expiresAt) })}</> : null}
            </Alert>
          ) : null}
        </>
      )}
    </section>
  );
}

function Manage(props: { tenant: string; data: Loaded; onDone: (text: string) => void }) {
  const { meeting: m, points } = props.data;
  const [form, setForm] = useState({ title: m.title, date: showDay(vietnamDay(m.start)), start: formatTime(m.start), end: formatTime(m.end), add: [] as string[], remove: [] as string[] });
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');

  const save = useSubmit(async () => {
    const day = parseDay(form.date);
    const start = parseTime(form.start);
    const end = parseTime(form.end);
    const local: Record<string, string> = {};
    if (!day) local.date = t(MT.badDate);
    if (!start) local.start = t(MT.badTime);
    if (!end) local.end = t(MT.badTime);
    if (Object.keys(local).length) throw new Invalid(local);
    const startIso = vietnamIso(day!, start);
    const endIso = vietnamIso(day!, end);
    const moved = Date.parse(startIso) !== Date.parse(m.start) || Date.parse(endIso) !== Date.parse(m.end);
    await changeMeeting(props.tenant, m.id, {
      version: m.version,
      ...(moved ? { start: startIso, end: endIso } : {}),
      ...(form.title.trim() !== m.title ? { title: form.title.trim() } : {}),
      addPoints: form.add, removePoints: form.remove,
    });
    props.onDone(t(MT.changed));
  });
  const cancel = useSubmit(async () => {
    await cancelMeeting(props.tenant, m.id, m.version, reason.trim());
    setCancelOpen(false);
    props.onDone(t(MT.cancelDone));
  });
  const { error, errors } = save;
  // One change at a time: either button is busy while the meeting is being changed or cancelled.
  const busy = save.busy || cancel.busy;

  const others = [...points.values()].filter((p) => p.active && !m.points.includes(p.id));
  const toggle = (key: 'add' | 'remove', id: string, on: boolean) => setForm((f) => ({ ...f, [key]: on ? [...f[key], id] : f[key].filter((x) => x !== id) }));
  return (
    <section class="panel no-print" aria-labelledby="meeting-change">
      <h2 id="meeting-change">{t(MT.change)}</h2>
      <form onSubmit={save.run} noValidate>
        <TextField label={t(MT.title)} value={form.title} onValue={(v) => setForm((f) => ({ ...f, title: v }))} error={errors.title} required />
        <div class="row">
          <TextField label={t(MT.date)} hint={t(MT.dateHint)} value={form.date} onValue={(v) => setForm((f) => ({ ...f, date: v }))} error={errors.date} inputMode="numeric" />
          <TextField label={t(MT.start)} value={form.start} onValue={(v) => setForm((f) => ({ ...f, start: v }))} error={errors.start} inputMode="numeric" style={{ width: '7rem' }} />
          <TextField label={t(MT.end)} value={form.end} onValue={(v) => setForm((f) => ({ ...f, end: v }))} error={errors.end} inputMode="numeric" style={{ width: '7rem' }} />
        </div>
        <details>
          <summary>{t(MT.addPoints)} / {t(MT.removePoint)}</summary>
          <fieldset style={{ border: 0, padding: 0 }}>
            <legend style={{ fontWeight: 600 }}>{t(MT.removePoint)}</legend>
            {m.points.filter((p) => p !== m.hostPoint).map((p) => (
              <Checkbox key={p} label={points.get(p)?.name ?? p} checked={form.remove.includes(p)} onChecked={(on) => toggle('remove', p, on)} />
            ))}
          </fieldset>
          <fieldset style={{ border: 0, padding: 0, maxHeight: '14rem', overflowY: 'auto' }}>
            <legend style={{ fontWeight: 600 }}>{t(MT.addPoints)}</legend>
            {others.map((p) => <Checkbox key={p.id} label={p.name} checked={form.add.includes(p.id)} onChecked={(on) => toggle('add', p.id, on)} />)}
          </fieldset>
        </details>
        <ErrorAlert error={error} />
        <div class="actions">
          <Button kind="primary" type="submit" busy={busy}>{t(MT.changeSave)}</Button>
          <Button kind="danger" onClick={() => setCancelOpen(true)}>{t(MT.cancel)}</Button>
        </div>
      </form>
      <Dialog open={cancelOpen} title={t(MT.cancel)} onClose={() => setCancelOpen(false)}>
        <TextArea label={t(MT.reason)} required value={reason} onValue={setReason} maxLength={1000} />
        <ErrorAlert error={cancel.error} />
        <div class="actions">
          <Button kind="danger" onClick={cancel.run} busy={busy} disabled={!reason.trim()}>{t(MT.cancelConfirm)}</Button>
          <Button onClick={() => setCancelOpen(false)}>{t(MT.close)}</Button>
        </div>
      </Dialog>
    </section>
  );
}


// The year's working calendar: its holidays and make-up working days, added and removed here and saved together
// (PUT with the version read; the first save of a year turns the seeded national calendar into the province's).
import { useState } from 'preact/hooks';
import { formatDateTime, parseDay, showDay, vietnamDay } from '../core/format';
import { lang, t, useLang } from '../core/i18n';
import { href, navigate } from '../core/router';
import { Alert, Button, ErrorAlert, Loading, Page, SelectField, TextField, useLoad, useSubmit } from '../core/ui';
import { getCalendar, putCalendar, type CalendarDay, type YearCalendar } from './api';
import { weekday } from './dates';
import { calendarSaved, ADMIN_TEXT as T } from './text';

export function CalendarPage({ tenant, year: yearParam }: { tenant: string; year: string | undefined }) {
  useLang();
  const thisYear = Number(vietnamDay().slice(0, 4));
  const year = /^\d{4}$/.test(yearParam ?? '') ? Number(yearParam) : thisYear;
  const calendar = useLoad(() => getCalendar(tenant, year), [tenant, year]);
  // Kept here: the editor is made anew for each version read, so after a save.
  const [saved, setSaved] = useState<string>();
  const onSaved = (text: string) => { setSaved(text); calendar.reload(); };
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];
  if (!years.includes(year)) years.push(year);
  return (
    <Page title={`${t(T.calendar)} ${year}`}>
      <div class="panel">
        <SelectField label={t(T.year)} value={String(year)} onValue={(y) => navigate(href(tenant, 'console', 'admin', 'calendar', y))}
          options={years.sort().map((y) => ({ value: String(y), label: String(y) }))} />
      </div>
      <Loading state={calendar}>{(c) => <Editor key={`${c.year}.${c.version}`} tenant={tenant} calendar={c} saved={c.year === year ? saved : undefined} onSaved={onSaved} />}</Loading>
    </Page>
  );
}

type Kind = 'holidays' | 'workingDays';
const byDate = (a: CalendarDay, b: CalendarDay) => a.date.localeCompare(b.date);

function Editor(props: { tenant: string; calendar: YearCalendar; saved: string | undefined; onSaved: (notice: string) => void }) {
  const c = props.calendar;
  const [days, setDays] = useState({ holidays: [...c.holidays].sort(byDate), workingDays: [...c.workingDays].sort(byDate) });
  const [dirty, setDirty] = useState(false);
  const [add, setAdd] = useState({ date: '', name: '', kind: 'holidays' as Kind });
  const [addError, setAddError] = useState<{ date?: string; name?: string }>({});
  const [saved, setSaved] = useState(props.saved);
  const save = useSubmit(async () => {
    await putCalendar(props.tenant, c.year, { version: c.version, officeHours: c.officeHours, ...days });
    setDirty(false);
    props.onSaved(t(calendarSaved(c.year)));
  });
  const { error, errors } = save;

  const addDay = (e: Event) => {
    e.preventDefault();
    const date = parseDay(add.date);
    const problem = {
      date: !date ? t(T.badDate) : !date.startsWith(`${c.year}-`) ? t(T.notThisYear)
        : [...days.holidays, ...days.workingDays].some((d) => d.date === date) ? t(T.duplicate) : undefined,
      name: add.name.trim() ? undefined : t({ vi: 'Vui lòng nhập tên ngày.', en: 'Please enter a name.' }),
    };
    setAddError(problem);
    if (problem.date || problem.name) return;
    setDays((d) => ({ ...d, [add.kind]: [...d[add.kind], { date: date!, name: add.name.trim() }].sort(byDate) }));
    setAdd({ ...add, date: '', name: '' });
    setDirty(true); setSaved(undefined);
  };

  const remove = (kind: Kind, date: string) => {
    setDays((d) => ({ ...d, [kind]: d[kind].filter((x) => x.date !== date) }));
    setDirty(true); setSaved(undefined);
  };

  const list = (kind: Kind, title: string) => (
    <section class="panel" aria-labelledby={`cal-${kind}`}>
      <h2 id={`cal-${kind}`}>{title}</h2>
      {days[kind].length === 0 ? <p class="muted">{t(T.noDays)}</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t(T.date)}</th><th scope="col">{t(T.dayName)}</th><th scope="col"><span class="sr-only">{t(T.remove)}</span></th></tr></thead>
            <tbody>
              {days[kind].map((d) => (
                <tr key={d.date}>
                  <th scope="row">{weekday(d.date, lang())}, {showDay(d.date)}</th>
                  <td>{d.name}</td>
                  <td><button type="button" class="link" onClick={() => remove(kind, d.date)} aria-label={`${t(T.remove)} ${showDay(d.date)}`}>{t(T.remove)}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );

  return (
    <div class="stack">
      {c.source === 'seeded' ? <Alert kind="info">{t(T.seeded)}</Alert> : c.updatedAt ? <p class="muted">{t(T.updatedAt)}: {formatDateTime(c.updatedAt)}</p> : null}
      {list('holidays', t(T.holidays))}
      {list('workingDays', t(T.workingDays))}
      <form class="panel stack" onSubmit={addDay} aria-labelledby="cal-add">
        <h2 id="cal-add">{t(T.addDay)}</h2>
        <SelectField label={t(T.kind)} value={add.kind} onValue={(k) => setAdd({ ...add, kind: k as Kind })}
          options={[{ value: 'holidays', label: t(T.holidays) }, { value: 'workingDays', label: t(T.workingDays) }]} />
        <TextField label={t(T.date)} hint={t(T.dateHint)} inputMode="numeric" autoComplete="off" required value={add.date} onValue={(v) => setAdd({ ...add, date: v })} error={addError.date} />
        <TextField label={t(T.dayName)} required value={add.name} onValue={(v) => setAdd({ ...add, name: v })} error={addError.name} />
        <div class="actions"><Button type="submit">{t(T.addDay)}</Button></div>
      </form>
      <div class="panel">
        {dirty ? <Alert kind="warning">{t(T.unsaved)}</Alert> : null}
        {saved ? <Alert kind="success">{saved}</Alert> : null}
        {error ? <ErrorAlert error={error} /> : null}
        {Object.entries(errors).map(([path, message]) => <p key={path} class="error">{path}: {message}</p>)}
        <div class="actions"><Button kind="primary" busy={save.busy} onClick={save.run}>{t(T.saveCalendar)}</Button></div>
      </div>
    </div>
  );
}

// The dossier inbox of the official's unit: open dossiers soonest due first (the API's order, kept as pages are
// appended), overdue rows in red and those due today in amber, each also said in words (a badge), not by colour alone.
import { useEffect, useState } from 'preact/hooks';
import { session, hasRole } from '../core/auth';
import { formatDate, vietnamDay } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { useStore } from '../core/store';
import { Badge, Button, COMMON_TEXT, ErrorAlert, Page, SelectField, Spinner, useLoad } from '../core/ui';
import { listDossiers, listUnits, type DossierSummary, type InboxQuery } from './api';
import { fill, OPEN_STATUSES, STATUS_TEXT, TEXT } from './text';

/**
 * On a phone each row becomes a block of labelled lines (the table stays a table for screen readers). styles.css has
 * no such rule and a chunk's own CSS file is not linked by index.html, so the rule travels with the component.
 */
const PHONE_TABLE_CSS = `@media (max-width: 40rem) {
  .dossier-inbox thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .dossier-inbox tr { display: block; border-bottom: 2px solid var(--line); }
  .dossier-inbox td { display: block; border: 0; padding: .15rem .5rem; }
  .dossier-inbox td::before { content: attr(data-label) ": "; font-weight: 600; }
}`;

/** 'overdue' past its due time, 'today' due later today (Vietnam's calendar day), else undefined. */
export function urgency(d: Pick<DossierSummary, 'dueAt' | 'finishedAt' | 'overdue'>, now = new Date()): 'overdue' | 'today' | undefined {
  if (!d.dueAt || d.finishedAt) return undefined;
  if (d.overdue || Date.parse(d.dueAt) < now.getTime()) return 'overdue';
  return vietnamDay(d.dueAt) === vietnamDay(now) ? 'today' : undefined;
}

type Due = NonNullable<InboxQuery['due']>;

export function Inbox(props: { tenant: string }) {
  const user = useStore(session);
  const mayChooseUnit = hasRole(user, 'leader', 'tenant-admin');
  const [status, setStatus] = useState('');
  const [due, setDue] = useState('');
  const [unit, setUnit] = useState('');
  // The list with the filters it was loaded for: a list of other filters is never shown as this one's.
  const [list, setList] = useState<{ key: string; items: DossierSummary[]; cursor?: string }>({ key: '', items: [] });
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const units = useLoad(() => (mayChooseUnit ? listUnits(props.tenant).then((p) => p.items) : Promise.resolve([])), [props.tenant, mayChooseUnit]);

  const query = (): InboxQuery => ({
    status: status ? Number(status) : undefined, due: (due || undefined) as Due | undefined, unit: unit || undefined,
  });

  const key = JSON.stringify([props.tenant, status, due, unit]);
  const items = list.key === key ? list.items : [];
  const cursor = list.key === key ? list.cursor : undefined;

  // A new filter starts the list again from its first page.
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    listDossiers(props.tenant, query()).then(
      (page) => { if (live) { setList({ key, items: page.items, cursor: page.cursor }); setLoading(false); } },
      (err: unknown) => { if (live) { setList({ key, items: [] }); setError(err); setLoading(false); } },
    );
    return () => { live = false; };
  }, [key, tick]);

  const more = async () => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await listDossiers(props.tenant, { ...query(), cursor });
      setList((prev) => (prev.key !== key ? prev : { key, items: [...prev.items, ...page.items.filter((d) => !prev.items.some((p) => p.code === d.code))], cursor: page.cursor }));
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  const now = new Date();
  return (
    <Page title={t(TEXT.inboxTitle)} lead={t(TEXT.inboxLead)}>
      <form class="row no-print" aria-label={t(TEXT.filters)} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t(TEXT.statusFilter)} value={status} onValue={setStatus} placeholder={t(TEXT.allStatuses)}
          options={OPEN_STATUSES.map((code) => ({ value: String(code), label: t(STATUS_TEXT[code]!) }))} />
        <SelectField label={t(TEXT.dueFilter)} value={due} onValue={setDue} placeholder={t(TEXT.allDue)}
          options={[{ value: 'overdue', label: t(TEXT.dueOverdue) }, { value: 'today', label: t(TEXT.dueToday) }, { value: 'week', label: t(TEXT.dueWeek) }]} />
        {mayChooseUnit ? (
          <SelectField label={t(TEXT.unitFilter)} value={unit} onValue={setUnit} placeholder={t(TEXT.ownUnit)}
            options={(units.data ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))} />
        ) : null}
      </form>
      <ErrorAlert error={error} onRetry={() => setTick((n) => n + 1)} />
      {items.length ? (
        <div class="table-wrap">
          <style>{PHONE_TABLE_CSS}</style>
          <table class="dossier-inbox">
            <caption class="sr-only">{t(TEXT.table)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(TEXT.colCode)}</th>
                <th scope="col">{t(TEXT.colProcedure)}</th>
                <th scope="col">{t(TEXT.colApplicant)}</th>
                <th scope="col">{t(TEXT.colReceived)}</th>
                <th scope="col">{t(TEXT.colDue)}</th>
                <th scope="col">{t(TEXT.colStatus)}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const level = urgency(d, now);
                return (
                  <tr key={d.code} class={level === 'overdue' ? 'overdue' : level === 'today' ? 'due-today' : undefined} data-code={d.code}>
                    <td data-label={t(TEXT.colCode)}><a href={href(props.tenant, 'console', 'dossiers', d.code)}>{d.code}</a></td>
                    <td data-label={t(TEXT.colProcedure)}>{d.procedure.name}</td>
                    <td data-label={t(TEXT.colApplicant)}>{d.applicantName}</td>
                    <td data-label={t(TEXT.colReceived)}>{formatDate(d.submittedAt)}</td>
                    <td data-label={t(TEXT.colDue)}>
                      {d.dueAt ? formatDate(d.dueAt) : <span class="muted">{t(TEXT.noDue)}</span>}
                      {level === 'overdue' ? <> <Badge tone="danger">{t(TEXT.overdue)}</Badge></> : null}
                      {level === 'today' ? <> <Badge tone="warning">{t(TEXT.dueTodayBadge)}</Badge></> : null}
                    </td>
                    <td data-label={t(TEXT.colStatus)}>{t({ vi: d.status.label, en: d.status.labelEn })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : !loading && !error ? <p>{t(TEXT.empty)}</p> : null}
      {items.length ? <p class="muted" aria-live="polite">{fill(t(TEXT.shown), { n: items.length })}</p> : null}
      {loading ? <Spinner /> : null}
      {cursor && !loading ? <div class="actions"><Button onClick={() => void more()}>{t(COMMON_TEXT.more)}</Button></div> : null}
    </Page>
  );
}

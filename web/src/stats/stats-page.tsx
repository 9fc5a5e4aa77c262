// Statistics for leaders: a period and a grouping, then the on-time rate and the counts as a chart and as a table,
// and the table as CSV. The period lives in the address (?from&to&groupBy) so a reload or a shared link keeps it.
import { useState } from 'preact/hooks';
import type { AreaProps } from '../core/area';
import { formatDate, parseDay, showDay, vietnamDay } from '../core/format';
import { lang, t, useLang } from '../core/i18n';
import { href, navigate } from '../core/router';
import { Alert, Button, Loading, Page, SelectField, TextField, useLoad } from '../core/ui';
import { dossierStats, keyNames, type Figures, type GroupBy } from './api';
import { BarChart } from './chart';
import { saveFile, toCsv } from './csv';
import { COLUMNS, FiguresTable, show } from './figures';
import { chartSummary, STATS_TEXT as T } from './text';

/** A control of the period form: side by side on a desk, stacked on a phone. */
const CELL = { flex: '1 1 12rem' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const GROUPS: GroupBy[] = ['unit', 'procedure', 'field'];
const GROUP_TEXT = { unit: T.byUnit, procedure: T.byProcedure, field: T.byField };

const SEGMENTS = [
  { text: T.finishedOnTime, color: '#1d6b35' },
  { text: T.finishedLate, color: '#b3141b' },
  { text: T.inProgress, color: '#0b4f9c' },
];

export function StatsPage({ config, route }: AreaProps) {
  useLang();
  const today = vietnamDay();
  const q = route.query;
  const from = DAY.test(q.get('from') ?? '') ? q.get('from')! : `${today.slice(0, 8)}01`;
  const to = DAY.test(q.get('to') ?? '') ? q.get('to')! : today;
  const groupBy = (GROUPS as string[]).includes(q.get('groupBy') ?? '') ? (q.get('groupBy') as GroupBy) : 'unit';
  // Dates are typed as Vietnamese users write them (dd/MM/yyyy): a native date input shows the browser's own format.
  const [form, setForm] = useState({ from: showDay(from), to: showDay(to), groupBy });
  const [problem, setProblem] = useState<{ from?: string; to?: string }>({});

  const state = useLoad(async () => {
    const [stats, names] = await Promise.all([dossierStats(config.id, { from, to, groupBy }), keyNames(config.id, groupBy)]);
    return { stats, names };
  }, [config.id, from, to, groupBy]);

  const apply = (e: Event) => {
    e.preventDefault();
    const next = { from: parseDay(form.from), to: parseDay(form.to), groupBy: form.groupBy };
    const found = { from: next.from ? undefined : t(T.badDate), to: next.to ? undefined : t(T.badDate) };
    if (!found.from && !found.to && next.from! > next.to!) found.to = t(T.invalidPeriod);
    setProblem(found);
    if (found.from || found.to) return;
    // A new period changes the address and so loads; the same period asked again loads fresh figures.
    if (next.from === from && next.to === to && next.groupBy === groupBy) state.reload();
    else navigate(`${href(config.id, 'console', 'stats')}?${new URLSearchParams(next as Record<string, string>).toString()}`);
  };

  return (
    <Page title={t(T.title)} lead={t(T.lead)}>
      <form class="panel no-print" onSubmit={apply}>
        <div class="row">
          <div style={CELL}><TextField label={t(T.from)} hint={t(T.dateHint)} inputMode="numeric" autoComplete="off" required value={form.from} onValue={(v) => setForm({ ...form, from: v })} error={problem.from} /></div>
          <div style={CELL}><TextField label={t(T.to)} hint={t(T.dateHint)} inputMode="numeric" autoComplete="off" required value={form.to} onValue={(v) => setForm({ ...form, to: v })} error={problem.to} /></div>
          <div style={CELL}><SelectField label={t(T.groupBy)} value={form.groupBy} onValue={(v) => setForm({ ...form, groupBy: v as GroupBy })}
            options={GROUPS.map((g) => ({ value: g, label: t(GROUP_TEXT[g]) }))} /></div>
          <div class="field"><Button kind="primary" type="submit" busy={state.loading}>{t(T.show)}</Button></div>
        </div>
      </form>
      <p><strong>{t(T.period)}:</strong> {formatDate(`${from}T12:00:00+07:00`)} – {formatDate(`${to}T12:00:00+07:00`)} · {t(T.groupBy)} {t(GROUP_TEXT[groupBy]).toLowerCase()}</p>
      <Loading state={state}>
        {({ stats, names }) => {
          const label = (key: string) => names.get(key) ?? key;
          const rows = stats.groups.map((g) => ({ name: label(g.key), key: g.key, figures: g as Figures }));
          if (!rows.length) return <Alert kind="info">{t(T.nothing)}</Alert>;
          const rate = show(stats.total.onTimeRate) + (stats.total.onTimeRate === null ? '' : '%');
          const exportCsv = () => {
            const head = [t(GROUP_TEXT[groupBy]), ...(groupBy === 'field' ? [] : [lang() === 'vi' ? 'Mã' : 'Code']), ...COLUMNS.map((c) => t(c.text))];
            const line = (name: string, key: string, f: Figures) => [name, ...(groupBy === 'field' ? [] : [key]), ...COLUMNS.map((c) => c.value(f) ?? '')];
            const csv = toCsv([head, ...rows.map((r) => line(r.name, r.key, r.figures)), line(t(T.total), '', stats.total)]);
            saveFile(`thong-ke-ho-so_${groupBy}_${from}_${to}.csv`, csv);
          };
          return (
            <div class="stack">
              <section class="panel" aria-labelledby="stats-chart">
                <h2 id="stats-chart">{t(T.chartTitle)}</h2>
                <BarChart segments={SEGMENTS} summary={t(chartSummary(rows.length, stats.total.received, rate))}
                  bars={rows.map((r) => ({
                    label: r.name,
                    values: [r.figures.finishedOnTime, r.figures.finishedLate, r.figures.inProgress],
                    note: r.figures.onTimeRate === null ? '' : `${show(r.figures.onTimeRate)}%`,
                  }))} />
              </section>
              <section class="panel" aria-labelledby="stats-table">
                <div class="row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
                  <h2 id="stats-table">{t(T.tableTitle)}</h2>
                  <Button onClick={exportCsv}>{t(T.exportCsv)}</Button>
                </div>
                <FiguresTable heading={t(GROUP_TEXT[groupBy])} rows={rows} total={stats.total} />
              </section>
            </div>
          );
        }}
      </Loading>
    </Page>
  );
}

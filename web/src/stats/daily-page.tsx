// The daily report leaders read in the morning: a day's figures by unit, frozen the night after. A day not frozen
// yet (today, or before the service began) says so rather than showing an error.
import { useState } from 'preact/hooks';
import { ApiError } from '../core/api';
import type { AreaProps } from '../core/area';
import { formatDateTime, parseDay, showDay, vietnamDay } from '../core/format';
import { t, useLang } from '../core/i18n';
import { href, navigate } from '../core/router';
import { Alert, Button, errorText, Loading, Page, TextField, useLoad } from '../core/ui';
import { dailyStats, keyNames } from './api';
import { FiguresTable } from './figures';
import { STATS_TEXT as T } from './text';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function DailyPage({ config, route }: AreaProps) {
  useLang();
  const yesterday = vietnamDay(new Date(Date.now() - 24 * 3_600_000));
  const day = DAY.test(route.query.get('date') ?? '') ? route.query.get('date')! : yesterday;
  const [typed, setTyped] = useState(showDay(day));
  const [problem, setProblem] = useState<string>();

  const state = useLoad(async () => {
    const [report, names] = await Promise.all([
      dailyStats(config.id, day).catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'STATS_SNAPSHOT_NOT_FOUND') return err;
        throw err;
      }),
      keyNames(config.id, 'unit'),
    ]);
    return { report, names };
  }, [config.id, day]);

  const apply = (e: Event) => {
    e.preventDefault();
    const next = parseDay(typed);
    setProblem(next ? undefined : t(T.badDate));
    if (!next) return;
    if (next === day) state.reload();
    else navigate(`${href(config.id, 'console', 'stats', 'daily')}?date=${next}`);
  };

  return (
    <Page title={t(T.daily)} lead={t(T.dailyLead)}>
      <form class="panel no-print" onSubmit={apply}>
        <div class="row">
          <div style={{ flex: '1 1 12rem' }}>
            <TextField label={t(T.day)} hint={t(T.dateHint)} inputMode="numeric" autoComplete="off" required value={typed} onValue={setTyped} error={problem} />
          </div>
          <div class="field"><Button kind="primary" type="submit" busy={state.loading}>{t(T.show)}</Button></div>
        </div>
      </form>
      <Loading state={state}>
        {({ report, names }) => {
          if (report instanceof ApiError) return <Alert kind="info">{errorText(report)}</Alert>;
          const rows = report.groups.map((g) => ({ key: g.key, name: names.get(g.key) ?? g.key, figures: g }));
          return (
            <section class="panel" aria-labelledby="daily-table">
              <h2 id="daily-table">{t(T.tableTitle)} · {showDay(report.from)}</h2>
              <p class="muted">{t(T.takenAt)} {formatDateTime(report.takenAt)}</p>
              {rows.length ? <FiguresTable heading={t(T.byUnit)} rows={rows} total={report.total} /> : <Alert kind="info">{t(T.nothing)}</Alert>}
            </section>
          );
        }}
      </Loading>
    </Page>
  );
}

// The statistics area of the console (#/<tenant>/console/stats): the figures of a chosen period (the default), and
// the frozen daily report (stats/daily).
import type { AreaProps } from '../core/area';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { DailyPage } from './daily-page';
import { StatsPage } from './stats-page';
import { STATS_TEXT as T } from './text';

export default function Area(props: AreaProps) {
  useLang();
  const daily = props.path[0] === 'daily';
  const link = (to: string[], text: typeof T.daily, current: boolean) => (
    <li><a href={href(props.config.id, 'console', 'stats', ...to)} aria-current={current ? 'page' : undefined} style={current ? { fontWeight: 700 } : undefined}>{t(text)}</a></li>
  );
  return (
    <>
      <nav aria-label={t(T.sections)} class="no-print" style={{ marginBottom: '.5rem' }}>
        <ul class="row" style={{ listStyle: 'none', padding: 0, margin: 0, gap: '1.5rem' }}>
          {link([], T.byPeriod, !daily)}
          {link(['daily'], T.daily, daily)}
        </ul>
      </nav>
      {daily ? <DailyPage {...props} /> : <StatsPage {...props} />}
    </>
  );
}

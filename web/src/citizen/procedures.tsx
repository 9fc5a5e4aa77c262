// The procedure catalogue: search as one types, diacritics ignored ("giay phep" finds "Giấy phép"), and filters by
// field and service level. The whole catalogue loads once, so a phone searches without a round trip per letter.
import { useMemo } from 'preact/hooks';
import { fold, formatMoney } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { Badge, Loading, Page, SelectField, TextField, useDraft, useLoad } from '../core/ui';
import { allProcedures, type ProcedureSummary } from './api';
import { TEXT } from './text';

export const levelText = (level: number) => (level === 4 ? TEXT.level4 : level === 3 ? TEXT.level3 : TEXT.level2);

export function timeText(days: number | null): string {
  return days === null ? t(TEXT.noDeadline) : `${days.toLocaleString('vi-VN')} ${t(TEXT.workingDays)}`;
}

function matches(p: ProcedureSummary, words: string[]): boolean {
  const haystack = fold(`${p.name} ${p.field} ${p.code}`);
  return words.every((w) => haystack.includes(w));
}

export function ProceduresPage(props: { tenant: string; home?: boolean }) {
  const state = useLoad(() => allProcedures(props.tenant), [props.tenant]);
  // Kept for the session: back from a procedure, the list is as the citizen left it.
  const [filter, setFilter] = useDraft(`procedures.${props.tenant}`, { q: '', field: '', level: '' });
  const fields = useMemo(() => [...new Set((state.data ?? []).map((p) => p.field))].sort((a, b) => a.localeCompare(b, 'vi')), [state.data]);
  const words = fold(filter.q).split(/\s+/).filter(Boolean);
  const shown = (state.data ?? []).filter((p) => matches(p, words) && (!filter.field || p.field === filter.field) && (!filter.level || String(p.level) === filter.level));

  return (
    <Page title={t(props.home ? TEXT.homeTitle : TEXT.proceduresTitle)} lead={props.home ? t(TEXT.homeLead) : undefined}>
      {props.home ? (
        <ul class="cards" style={{ marginBottom: '1rem' }}>
          <li><a class="card" href={href(props.tenant, 'lookup')}>{t(TEXT.quickLookup)}</a></li>
          <li><a class="card" href={href(props.tenant, 'my')}>{t(TEXT.quickMine)}</a></li>
          <li><a class="card" href={href(props.tenant, 'register')}>{t(TEXT.quickRegister)}</a></li>
        </ul>
      ) : null}
      <form class="stack" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t(TEXT.searchLabel)} hint={t(TEXT.searchHint)} type="search" name="q" value={filter.q} onValue={(q) => setFilter((f) => ({ ...f, q }))} />
        <div class="row">
          <SelectField label={t(TEXT.fieldFilter)} name="field" value={filter.field} onValue={(field) => setFilter((f) => ({ ...f, field }))}
            placeholder={t(TEXT.allFields)} options={fields.map((f) => ({ value: f, label: f }))} />
          <SelectField label={t(TEXT.levelFilter)} name="level" value={filter.level} onValue={(level) => setFilter((f) => ({ ...f, level }))}
            placeholder={t(TEXT.allLevels)} options={[4, 3, 2].map((l) => ({ value: String(l), label: t(levelText(l)) }))} />
        </div>
      </form>
      <Loading state={state}>
        {() => (
          <>
            <p class="muted" role="status" aria-live="polite">{shown.length} {t(TEXT.found)}</p>
            {shown.length === 0 ? <p>{t(TEXT.noMatch)}</p> : (
              <ul class="stack" style={{ listStyle: 'none', padding: 0 }} aria-label={t(TEXT.proceduresTitle)}>
                {shown.map((p) => (
                  <li key={p.code}>
                    <a class="card" href={href(props.tenant, 'procedures', p.code)}>
                      <strong>{p.name}</strong>
                      <span class="muted" style={{ display: 'block' }}>{p.field}</span>
                      <span style={{ display: 'flex', flexWrap: 'wrap', gap: '.5rem', marginTop: '.25rem' }}>
                        <Badge tone={p.level === 4 ? 'success' : p.level === 3 ? 'info' : 'neutral'}>{t(levelText(p.level))}</Badge>
                        <span class="muted">{timeText(p.processingDays)}</span>
                        <span class="muted">{p.fee ? formatMoney(p.fee) : t(TEXT.free)}</span>
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loading>
    </Page>
  );
}

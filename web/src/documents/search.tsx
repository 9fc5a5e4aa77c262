// Search documents sent and received (registered ones) by words of the summary (with or without diacritics),
// number/symbol, type and dates. The query is kept in the address so a result page can be bookmarked or reloaded.
import { useState } from 'preact/hooks';
import { formatDate } from '../core/format';
import { t } from '../core/i18n';
import { href, navigate } from '../core/router';
import { Badge, Button, COMMON_TEXT, Loading, Page, SelectField, TextField, useLoad } from '../core/ui';
import { documentsApi } from './api';
import { DOCUMENT_TYPES, TEXT } from './text';

const FIELDS = ['q', 'numberSymbol', 'type', 'from', 'to'] as const;
type Query = Record<(typeof FIELDS)[number], string>;

export function SearchPage(props: { tenant: string; query: URLSearchParams }) {
  const current = Object.fromEntries(FIELDS.map((f) => [f, props.query.get(f) ?? ''])) as Query;
  const [form, setForm] = useState<Query>(current);
  const asked = FIELDS.some((f) => current[f]);
  const key = FIELDS.map((f) => current[f]).join('|');
  const hits = useLoad(() => (asked ? documentsApi(props.tenant).search(Object.fromEntries(FIELDS.filter((f) => current[f]).map((f) => [f, current[f]]))) : Promise.resolve(undefined)), [props.tenant, key]);
  const submit = (e: Event) => {
    e.preventDefault();
    const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
    navigate(`${href(props.tenant, 'console', 'documents', 'search')}?${params.toString()}`);
  };
  const set = (field: keyof Query) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  return (
    <Page title={t(TEXT.searchTitle)}>
      <form role="search" onSubmit={submit} class="panel no-print">
        <div class="row">
          <TextField label={t(TEXT.searchQ)} hint={t(TEXT.searchQHint)} value={form.q} onValue={set('q')} />
          <TextField label={t(TEXT.searchNumber)} value={form.numberSymbol} onValue={set('numberSymbol')} />
          <SelectField label={t(TEXT.type)} value={form.type} onValue={set('type')} placeholder={t(TEXT.anyType)} options={DOCUMENT_TYPES.map((d) => ({ value: d.id, label: t(d.text) }))} />
          <TextField label={t(TEXT.searchFrom)} type="date" value={form.from} onValue={set('from')} />
          <TextField label={t(TEXT.searchTo)} type="date" value={form.to} onValue={set('to')} />
        </div>
        <Button kind="primary" type="submit">{t(COMMON_TEXT.search)}</Button>
      </form>
      {!asked ? <p class="muted">{t(TEXT.searchNothing)}</p> : (
        <Loading state={hits}>
          {(page) => (!page || page.items.length === 0 ? <p role="status">{t(TEXT.noHits)}</p> : (
            <div class="table-wrap">
              <table>
                <caption class="sr-only">{t(TEXT.searchTitle)}</caption>
                <thead>
                  <tr><th scope="col">{t(TEXT.numberSymbol)}</th><th scope="col">{t(TEXT.subject)}</th><th scope="col">{t(TEXT.agency)}</th><th scope="col">{t(TEXT.date)}</th></tr>
                </thead>
                <tbody>
                  {page.items.map((hit) => (
                    <tr key={`${hit.kind}-${hit.id}`}>
                      <td>{hit.numberSymbol} <Badge tone={hit.kind === 'outgoing' ? 'info' : 'neutral'}>{t(hit.kind === 'outgoing' ? TEXT.kindOutgoing : TEXT.kindIncoming)}</Badge></td>
                      <td><a href={href(props.tenant, 'console', 'documents', ...(hit.kind === 'incoming' ? ['incoming', hit.id] : [hit.id]))}>{hit.subject}</a></td>
                      <td>{hit.agencyName}</td>
                      <td>{formatDate(hit.date)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </Loading>
      )}
    </Page>
  );
}

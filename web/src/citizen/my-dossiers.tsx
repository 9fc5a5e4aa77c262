// The citizen's own dossiers, newest first as the API gives them, with status and due date at a glance.
import { useState } from 'preact/hooks';
import { formatDate } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { COMMON_TEXT, Badge, Button, ErrorAlert, Loading, Page, useLoad, useSubmit } from '../core/ui';
import { myDossiers, type DossierSummary } from './api';
import { statusTone, TEXT } from './text';

export function MyDossiersPage(props: { tenant: string }) {
  const state = useLoad(() => myDossiers(props.tenant), [props.tenant]);
  const [more, setMore] = useState<{ items: DossierSummary[]; cursor?: string }>();
  const loadMore = useSubmit(async (cursor: string) => {
    const page = await myDossiers(props.tenant, cursor);
    setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], cursor: page.cursor }));
  });
  return (
    <Page title={t(TEXT.myTitle)}>
      <Loading state={state}>
        {(first) => {
          const items = [...first.items, ...(more?.items ?? [])];
          const cursor = more ? more.cursor : first.cursor;
          if (items.length === 0) return <p>{t(TEXT.myEmpty)} <a href={href(props.tenant, 'procedures')}>{t(TEXT.proceduresTitle)}</a></p>;
          return (
            <>
              <ul class="stack" style={{ listStyle: 'none', padding: 0 }} aria-label={t(TEXT.myTitle)}>
                {items.map((d) => (
                  <li key={d.code}>
                    <a class="card" href={href(props.tenant, 'my', d.code)}>
                      <strong style={{ wordBreak: 'break-all' }}>{d.code}</strong>
                      <span style={{ display: 'block' }}>{d.procedure.name}</span>
                      <span style={{ display: 'flex', flexWrap: 'wrap', gap: '.5rem', marginTop: '.25rem' }}>
                        <Badge tone={statusTone(d.status.code)}>{t({ vi: d.status.label, en: d.status.labelEn })}</Badge>
                        {d.overdue ? <Badge tone="danger">{t(TEXT.overdue)}</Badge> : null}
                        <span class="muted">{t(TEXT.submittedAt)}: {formatDate(d.submittedAt)}</span>
                        {d.dueAt ? <span class="muted">{t(TEXT.dueAt)}: {formatDate(d.dueAt)}</span> : null}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
              <ErrorAlert error={loadMore.error} />
              {cursor ? <Button busy={loadMore.busy} onClick={() => void loadMore.run(cursor)}>{t(COMMON_TEXT.more)}</Button> : null}
            </>
          );
        }}
      </Loading>
    </Page>
  );
}

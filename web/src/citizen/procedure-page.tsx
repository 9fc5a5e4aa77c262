// One procedure as published: what to bring (documents), what it costs, how long it takes, its service level,
// and the way in to apply online.
import { formatMoney } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { Alert, Badge, Loading, Page, useLoad } from '../core/ui';
import { getProcedure } from './api';
import { levelText, timeText } from './procedures';
import { TEXT } from './text';

export function ProcedurePage(props: { tenant: string; code: string }) {
  const state = useLoad(() => getProcedure(props.tenant, props.code), [props.tenant, props.code]);
  return (
    <Loading state={state}>
      {(p) => (
        <Page title={p.name}>
          <p><a href={href(props.tenant, 'procedures')}>← {t(TEXT.backToList)}</a></p>
          <dl class="facts panel">
            <dt>{t(TEXT.procedureCode)}</dt><dd>{p.code}</dd>
            <dt>{t(TEXT.field)}</dt><dd>{p.field}</dd>
            <dt>{t(TEXT.level)}</dt><dd><Badge tone={p.level === 4 ? 'success' : p.level === 3 ? 'info' : 'neutral'}>{t(levelText(p.level))}</Badge></dd>
            <dt>{t(TEXT.processingTime)}</dt><dd>{timeText(p.processingDays)}</dd>
            <dt>{t(TEXT.fee)}</dt><dd>{p.fee ? formatMoney(p.fee) : t(TEXT.free)}{p.feeNote ? <span class="muted" style={{ display: 'block' }}>{p.feeNote}</span> : null}</dd>
          </dl>
          <h2>{t(TEXT.documentsTitle)}</h2>
          {p.documents.length === 0 ? <p>{t(TEXT.noDocuments)}</p> : (
            <ol class="stack" aria-label={t(TEXT.documentsTitle)}>
              {p.documents.map((d) => (
                <li key={d.id}>
                  {d.name} <Badge tone={d.required ? 'warning' : 'neutral'}>{t(d.required ? TEXT.requiredDoc : TEXT.optionalDoc)}</Badge>
                  {d.copies ? <span class="muted" style={{ display: 'block' }}>{t(TEXT.copies)}: {d.copies}</span> : null}
                </li>
              ))}
            </ol>
          )}
          {p.legalBasis ? <><h2>{t(TEXT.legalBasis)}</h2><p>{p.legalBasis}</p></> : null}
          <div class="actions">
            {p.level >= 3
              ? <a class="btn btn-primary" href={href(props.tenant, 'submit', p.code)}>{t(TEXT.apply)}</a>
              : <Alert kind="info">{t(TEXT.infoOnly)}</Alert>}
          </div>
        </Page>
      )}
    </Loading>
  );
}

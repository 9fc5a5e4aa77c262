// The incoming box (văn bản đến) of a unit: documents still open, most urgent first.
import { formatDate, formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { Badge, Button, COMMON_TEXT, ErrorAlert, Loading, Page, Spinner } from '../core/ui';
import { documentsApi, type Unit } from './api';
import { ExchangeBadge, RegisterDownload, UnitChooser, useBoxUnit, useUnits } from './common';
import { usePaged } from './outbox';
import { labelOf, TEXT, typeLabel, URGENCY } from './text';

export function IncomingBox(props: { tenant: string }) {
  const units = useUnits(props.tenant);
  return (
    <Page title={t(TEXT.inbox)} lead={t(TEXT.inboxLead)}>
      <Loading state={units}>{(list) => <IncomingList tenant={props.tenant} units={list} />}</Loading>
    </Page>
  );
}

function IncomingList(props: { tenant: string; units: Unit[] }) {
  const [unit, setUnit] = useBoxUnit(props.units);
  const api = documentsApi(props.tenant);
  const box = usePaged((cursor) => api.inbox(unit, cursor), unit);
  return (
    <>
      <div class="row no-print">
        <UnitChooser units={props.units} value={unit} onValue={setUnit} />
        <Button onClick={box.reload} busy={box.busy}>{t(TEXT.refresh)}</Button>
        <RegisterDownload tenant={props.tenant} unit={unit} register="incoming" />
      </div>
      <ErrorAlert error={box.error} onRetry={box.reload} />
      {box.rows === undefined ? (box.busy ? <Spinner /> : null) : box.rows.length === 0 ? <p>{t(TEXT.emptyInbox)}</p> : (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">{t(TEXT.inbox)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(TEXT.numberSymbol)}</th><th scope="col">{t(TEXT.subject)}</th><th scope="col">{t(TEXT.from)}</th>
                <th scope="col">{t(TEXT.urgency)}</th><th scope="col">{t(TEXT.status)}</th><th scope="col">{t(TEXT.arrivedAt)}</th>
                <th scope="col">{t(TEXT.arrivalNumber)}</th><th scope="col">{t(TEXT.deadline)}</th>
              </tr>
            </thead>
            <tbody>
              {box.rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.numberSymbol}</td>
                  <td><a href={href(props.tenant, 'console', 'documents', 'incoming', row.id)}>{row.subject}</a> <span class="muted">({t(typeLabel(row.type))})</span></td>
                  <td>{row.from?.name}</td>
                  <td>{row.urgency === 'thuong' ? t(labelOf(URGENCY, row.urgency)) : <Badge tone="danger">{t(labelOf(URGENCY, row.urgency))}</Badge>}</td>
                  <td><ExchangeBadge code={row.status} /></td>
                  <td>{formatDateTime(row.arrivedAt)}</td>
                  <td>{row.arrivalNumber ?? ''}</td>
                  <td>{formatDate(row.assignment?.deadline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {box.cursor ? <Button onClick={() => void box.more()} busy={box.busy}>{t(COMMON_TEXT.more)}</Button> : null}
    </>
  );
}

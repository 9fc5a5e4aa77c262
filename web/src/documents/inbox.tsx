// The incoming box (văn bản đến) of a unit: documents still open, most urgent first.
import { formatDate, formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { Badge, Loading, Page } from '../core/ui';
import type { Unit } from './api';
import { BoxList, ExchangeBadge, useUnits } from './common';
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
  return (
    <BoxList tenant={props.tenant} units={props.units} register="incoming" load={(api, unit, cursor) => api.inbox(unit, cursor)}
      caption={TEXT.inbox} empty={TEXT.emptyInbox}
      headers={[TEXT.numberSymbol, TEXT.subject, TEXT.from, TEXT.urgency, TEXT.status, TEXT.arrivedAt, TEXT.arrivalNumber, TEXT.deadline]}
      row={(row) => (
        <>
          <td>{row.numberSymbol}</td>
          <td><a href={href(props.tenant, 'console', 'documents', 'incoming', row.id)}>{row.subject}</a> <span class="muted">({t(typeLabel(row.type))})</span></td>
          <td>{row.from?.name}</td>
          <td>{row.urgency === 'thuong' ? t(labelOf(URGENCY, row.urgency)) : <Badge tone="danger">{t(labelOf(URGENCY, row.urgency))}</Badge>}</td>
          <td><ExchangeBadge code={row.status} /></td>
          <td>{formatDateTime(row.arrivedAt)}</td>
          <td>{row.arrivalNumber ?? ''}</td>
          <td>{formatDate(row.assignment?.deadline)}</td>
        </>
      )} />
  );
}

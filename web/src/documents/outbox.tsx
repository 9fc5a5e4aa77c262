// The outgoing box (văn bản đi) of a unit: drafts, approved and issued documents, newest first.
import { formatDate, formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { Loading, Page } from '../core/ui';
import type { Unit } from './api';
import { BoxList, OutgoingBadge, useUnits } from './common';
import { TEXT, typeLabel } from './text';

export function OutgoingBox(props: { tenant: string }) {
  const units = useUnits(props.tenant);
  return (
    <Page title={t(TEXT.outbox)} lead={t(TEXT.outboxLead)} actions={<a class="btn btn-primary" href={href(props.tenant, 'console', 'documents', 'new')}>{t(TEXT.compose)}</a>}>
      <Loading state={units}>{(list) => <OutgoingList tenant={props.tenant} units={list} />}</Loading>
    </Page>
  );
}

function OutgoingList(props: { tenant: string; units: Unit[] }) {
  return (
    <BoxList tenant={props.tenant} units={props.units} register="outgoing" load={(api, unit, cursor) => api.outbox(unit, cursor)}
      caption={TEXT.outbox} empty={TEXT.emptyOutbox}
      headers={[TEXT.numberSymbol, TEXT.subject, TEXT.type, TEXT.status, TEXT.issuedAt, TEXT.updated]}
      row={(row) => (
        <>
          <td>{row.numberSymbol ?? <span class="muted">{t(TEXT.noNumber)}</span>}</td>
          <td><a href={href(props.tenant, 'console', 'documents', row.id)}>{row.subject}</a></td>
          <td>{t(typeLabel(row.type))}</td>
          <td><OutgoingBadge status={row.status} /></td>
          <td>{formatDate(row.issuedAt)}</td>
          <td>{formatDateTime(row.updatedAt)}</td>
        </>
      )} />
  );
}

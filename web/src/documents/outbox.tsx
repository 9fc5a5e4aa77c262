// The outgoing box (văn bản đi) of a unit: drafts, approved and issued documents, newest first.
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { Button, COMMON_TEXT, ErrorAlert, Loading, Page, Spinner } from '../core/ui';
import { documentsApi, type ListRow, type Page as ApiPage } from './api';
import { OutgoingBadge, RegisterDownload, UnitChooser, useBoxUnit, useUnits } from './common';
import { TEXT, typeLabel } from './text';

/** A box's rows page by page: the first page on load (and whenever `key` changes), more on request. */
export function usePaged(load: (cursor?: string) => Promise<ApiPage<ListRow>>, key: string) {
  const [rows, setRows] = useState<ListRow[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!key) return;
    let live = true;
    setBusy(true);
    setError(undefined);
    load().then((page) => {
      if (!live) return;
      setRows(page.items);
      setCursor(page.cursor);
      setBusy(false);
    }, (err: unknown) => {
      if (!live) return;
      setError(err);
      setBusy(false);
    });
    return () => { live = false; };
  }, [key, tick]);
  const more = async () => {
    setBusy(true);
    try {
      const page = await load(cursor);
      setRows((r) => [...(r ?? []), ...page.items]);
      setCursor(page.cursor);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { rows, cursor, error, busy, more, reload: () => setTick((n) => n + 1) };
}

export function OutgoingBox(props: { tenant: string }) {
  const units = useUnits(props.tenant);
  return (
    <Page title={t(TEXT.outbox)} lead={t(TEXT.outboxLead)} actions={<a class="btn btn-primary" href={href(props.tenant, 'console', 'documents', 'new')}>{t(TEXT.compose)}</a>}>
      <Loading state={units}>{(list) => <OutgoingList tenant={props.tenant} units={list} />}</Loading>
    </Page>
  );
}

function OutgoingList(props: { tenant: string; units: Parameters<typeof useBoxUnit>[0] }) {
  const [unit, setUnit] = useBoxUnit(props.units);
  const api = documentsApi(props.tenant);
  const box = usePaged((cursor) => api.outbox(unit, cursor), unit);
  return (
    <>
      <div class="row no-print">
        <UnitChooser units={props.units} value={unit} onValue={setUnit} />
        <Button onClick={box.reload} busy={box.busy}>{t(TEXT.refresh)}</Button>
        <RegisterDownload tenant={props.tenant} unit={unit} register="outgoing" />
      </div>
      <ErrorAlert error={box.error} onRetry={box.reload} />
      {box.rows === undefined ? (box.busy ? <Spinner /> : null) : box.rows.length === 0 ? <p>{t(TEXT.emptyOutbox)}</p> : (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">{t(TEXT.outbox)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(TEXT.numberSymbol)}</th><th scope="col">{t(TEXT.subject)}</th><th scope="col">{t(TEXT.type)}</th>
                <th scope="col">{t(TEXT.status)}</th><th scope="col">{t(TEXT.issuedAt)}</th><th scope="col">{t(TEXT.updated)}</th>
              </tr>
            </thead>
            <tbody>
              {box.rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.numberSymbol ?? <span class="muted">{t(TEXT.noNumber)}</span>}</td>
                  <td><a href={href(props.tenant, 'console', 'documents', row.id)}>{row.subject}</a></td>
                  <td>{t(typeLabel(row.type))}</td>
                  <td><OutgoingBadge status={row.status} /></td>
                  <td>{formatDate(row.issuedAt)}</td>
                  <td>{formatDateTime(row.updatedAt)}</td>
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

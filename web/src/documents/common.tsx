// Pieces the documents pages share: the province's units, the boxes' list (the unit chooser, paged rows), the action
// dialogs' state, status and signature badges, the files table and the history list.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { session } from '../core/auth';
import { formatBytes, formatDateTime, vietnamDay } from '../core/format';
import { download } from '../core/api';
import { t } from '../core/i18n';
import { useStore } from '../core/store';
import { Badge, Button, COMMON_TEXT, ErrorAlert, SelectField, Spinner, useLoad, type Loaded, useSubmit } from '../core/ui';
import { actingUnits, defaultUnit, documentsApi, type DocumentFile, type ListRow, type Page as ApiPage, type FileLink, type HistoryEntry, type SignatureReport, type Unit } from './api';
import { EXCHANGE_STATUS, HISTORY_ACTION, labelOf, OUTGOING_STATUS, TEXT, VERDICT } from './text';
import type { Text } from '../core/i18n';

/**
 * The action dialogs of a document page (approve, issue, recall; refuse, assign): which one is open, and one submit
 * state for all of them, so that one action runs at a time and its error shows in the open dialog (or above the
 * buttons). An action returns the notice to show; on success the dialog closes and `onDone` gets the notice. The open
 * dialog's one required field is checked before sending as the field `dialog` (`fieldError`).
 */
export function useActionDialogs<Open extends string>(onDone: (message: string) => void) {
  const [open, setOpen] = useState<Open>();
  const action = useSubmit(async (call: () => Promise<string>) => {
    const message = await call();
    close();
    onDone(message);
  });
  function close() { setOpen(undefined); action.setError(undefined); }
  return { open, setOpen, close, action, busy: action.busy, error: action.error, fieldError: action.errors.dialog };
}

const unitsByTenant = new Map<string, Promise<Unit[]>>();

/** The province's units, loaded once per visit (they change rarely and every page names them). */
export function useUnits(tenant: string): Loaded<Unit[]> {
  return useLoad(() => {
    let units = unitsByTenant.get(tenant);
    if (!units) {
      units = documentsApi(tenant).units();
      units.catch(() => unitsByTenant.delete(tenant));
      unitsByTenant.set(tenant, units);
    }
    return units;
  }, [tenant]);
}

export const unitName = (units: Unit[] | undefined, code: string | undefined): string =>
  (code && units?.find((u) => u.code === code)?.name) || code || '';

/** The unit whose box is shown: the user's default, switchable among the units they act for (kept for the visit). */
export function useBoxUnit(units: Unit[]): [string, (unit: string) => void] {
  const user = useStore(session);
  const key = 'tinhso.documents.unit';
  const [unit, setUnit] = useState<string>(() => {
    try { return sessionStorage.getItem(key) ?? ''; } catch { return ''; }
  });
  const choices = actingUnits(user, units);
  const current = choices.some((u) => u.code === unit) ? unit : defaultUnit(user, units);
  const choose = (next: string) => {
    try { sessionStorage.setItem(key, next); } catch { /* private mode: this page only */ }
    setUnit(next);
  };
  return [current, choose];
}

export function UnitChooser(props: { units: Unit[]; value: string; onValue: (unit: string) => void }) {
  const user = useStore(session);
  const choices = actingUnits(user, props.units);
  if (choices.length < 2) return <p class="muted">{t(TEXT.unit)}: {unitName(props.units, props.value)}</p>;
  return <SelectField label={t(TEXT.unit)} value={props.value} onValue={props.onValue} options={choices.map((u) => ({ value: u.code, label: u.name }))} />;
}

export function OutgoingBadge(props: { status: string }) {
  const tone = props.status === 'issued' ? 'success' : props.status === 'approved' ? 'info' : props.status === 'recalled' ? 'danger' : 'neutral';
  return <Badge tone={tone}>{t(labelOf(OUTGOING_STATUS, props.status))}</Badge>;
}

export function ExchangeBadge(props: { code: string }) {
  const tone = props.code === 'failed' || props.code === '02' || props.code === '16' ? 'danger'
    : props.code === '06' || props.code === '14' ? 'success' : props.code === 'pending' || props.code === '13' ? 'warning' : 'info';
  return <Badge tone={tone}>{t(labelOf(EXCHANGE_STATUS, props.code))}</Badge>;
}

/** What the API found checking the PDF's signatures, one line per signature, in words an official reads. */
export function SignatureVerdicts(props: { report: SignatureReport | undefined; contentType: string }) {
  if (props.contentType !== 'application/pdf' || !props.report) return <span class="muted">—</span>;
  if (!props.report.signed) return <Badge tone="neutral">{t(VERDICT.unsigned!)}</Badge>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {props.report.signatures.map((s, i) => (
        <li key={i}>
          <Badge tone={s.verdict === 'valid' ? 'success' : s.verdict === 'untrusted' || s.verdict === 'expired' ? 'warning' : 'danger'}>{t(labelOf(VERDICT, s.verdict))}</Badge>
          {s.signer ? <> {s.signer}</> : null}
          {s.signingTime ? <span class="muted"> · {formatDateTime(s.signingTime)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * A button that downloads one file. The link is asked for on click, not with the page: it lives 5 minutes. It is a
 * presigned S3 GET on another origin served as an attachment, so going to it saves the file and leaves this page
 * where it is (an <a download> would be ignored cross-origin, and fetch+blob would need CORS on the bucket).
 */
function DownloadButton(props: { file: DocumentFile; link: (file: DocumentFile) => Promise<FileLink> }) {
  const start = useSubmit(async () => window.location.assign((await props.link(props.file)).url));
  return (
    <>
      {/* Visible "Tải xuống", named with the file so a screen reader's list of buttons tells them apart. */}
      <Button kind="link" busy={start.busy} aria-label={t(TEXT.downloadFile).replace('{name}', props.file.fileName)} onClick={start.run}>{t(TEXT.download)}</Button>
      <ErrorAlert error={start.error} onRetry={start.run} />
    </>
  );
}

/** The files of a document with their signature verdicts; `link` asks the API for a file's download link. */
export function FilesTable(props: { files: { role: string; file: DocumentFile }[]; link: (file: DocumentFile) => Promise<FileLink> }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{t(TEXT.attachments)}</caption>
        <thead><tr><th scope="col">{t(TEXT.fileRole)}</th><th scope="col">{t(TEXT.fileName)}</th><th scope="col">{t(TEXT.fileSize)}</th><th scope="col">{t(TEXT.signature)}</th></tr></thead>
        <tbody>
          {props.files.map(({ role, file }) => (
            <tr key={`${role}-${file.sha256}-${file.fileName}`}>
              <td>{role}</td>
              <td>{file.fileName} <DownloadButton file={file} link={props.link} /></td>
              <td>{formatBytes(file.size)}</td>
              <td><SignatureVerdicts report={file.signatures} contentType={file.contentType} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HistoryList(props: { history: HistoryEntry[] }) {
  return (
    <ol class="timeline">
      {props.history.map((h, i) => (
        <li key={i}>
          <strong>{t(labelOf(HISTORY_ACTION, h.action))}</strong> <span class="muted">{formatDateTime(h.at)}</span>
          {h.by.name ? <> · {t(TEXT.by)} {h.by.name}</> : null}
          {typeof h.details?.note === 'string' ? <div>{h.details.note}</div> : null}
          {typeof h.details?.reason === 'string' ? <div>{h.details.reason}</div> : null}
          {typeof h.details?.numberSymbol === 'string' ? <div>{t(TEXT.numberSymbol)}: {h.details.numberSymbol}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** The unit's register of the year (sổ đăng ký văn bản đi/đến) as the CSV the API writes. */
export function RegisterDownload(props: { tenant: string; unit: string; register: 'outgoing' | 'incoming' }) {
  const year = vietnamDay().slice(0, 4);
  const { run, busy, error } = useSubmit(() => download(`/v1/${encodeURIComponent(props.tenant)}/registers/${props.unit}/${props.register}/${year}`, `so-${props.register}-${props.unit}-${year}.csv`, { format: 'csv' }));
  return (
    <>
      <Button busy={busy} onClick={run}>{t(props.register === 'outgoing' ? TEXT.registerOut : TEXT.registerIn)}</Button>
      <ErrorAlert error={error} />
    </>
  );
}

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

/**
 * A unit's box (outgoing or incoming): the unit chooser, refresh and the year's register above; the rows page by page,
 * in a table whose columns the box names (`headers`) and fills (`row`, the cells of one row).
 */
export function BoxList(props: {
  tenant: string; units: Unit[]; register: 'outgoing' | 'incoming';
  load: (api: ReturnType<typeof documentsApi>, unit: string, cursor?: string) => Promise<ApiPage<ListRow>>;
  caption: Text; empty: Text; headers: Text[]; row: (row: ListRow) => ComponentChildren;
}) {
  const [unit, setUnit] = useBoxUnit(props.units);
  const api = documentsApi(props.tenant);
  const box = usePaged((cursor) => props.load(api, unit, cursor), unit);
  return (
    <>
      <div class="row no-print">
        <UnitChooser units={props.units} value={unit} onValue={setUnit} />
        <Button onClick={box.reload} busy={box.busy}>{t(TEXT.refresh)}</Button>
        <RegisterDownload tenant={props.tenant} unit={unit} register={props.register} />
      </div>
      <ErrorAlert error={box.error} onRetry={box.reload} />
      {box.rows === undefined ? (box.busy ? <Spinner /> : null) : box.rows.length === 0 ? <p>{t(props.empty)}</p> : (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">{t(props.caption)}</caption>
            <thead>
              <tr>{props.headers.map((h) => <th key={h.en} scope="col">{t(h)}</th>)}</tr>
            </thead>
            <tbody>
              {box.rows.map((row) => <tr key={row.id}>{props.row(row)}</tr>)}
            </tbody>
          </table>
        </div>
      )}
      {box.cursor ? <Button onClick={() => void box.more()} busy={box.busy}>{t(COMMON_TEXT.more)}</Button> : null}
    </>
  );
}

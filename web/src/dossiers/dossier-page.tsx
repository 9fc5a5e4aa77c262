// One dossier for an official: what was asked and by whom, its files, its due date, its whole history, and the
// actions the server allows this user now. After an action the page reloads and says the new status.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiError } from '../core/api';
import { formatBytes, formatDate, formatDateTime, formatMoney } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { Alert, Badge, Button, ErrorAlert, Loading, Page, useLoad, useSubmit } from '../core/ui';
import { ActionPanel } from './actions';
import { fileLink, formLink, getDossier, getProcedure, listUnits, type ActionName, type Dossier, type FormLink, type HistoryEntry, type ProcedureInfo, type StoredFile, type Unit } from './api';
import { urgency } from './inbox';
import { ACTION_TEXT, CHANNEL_TEXT, fill, HISTORY_TEXT, ROLE_TEXT, STATUS_TEXT, TEXT } from './text';

/** "Sở Tư pháp (000.02.00.H41)", or the bare code when the unit is unknown. */
const unitLabel = (units: Unit[] | undefined, code: string) => {
  const unit = units?.find((u) => u.code === code);
  return unit ? `${unit.name} (${code})` : code;
};

type Notice = { kind: 'success'; text: string } | { kind: 'conflict'; error: ApiError };

export function DossierPage(props: { tenant: string; code: string }) {
  const state = useLoad(() => getDossier(props.tenant, props.code), [props.tenant, props.code]);
  const [notice, setNotice] = useState<Notice | undefined>();
  /** The version the last action produced: until the reloaded dossier has it, the old state is not offered. */
  const [awaiting, setAwaiting] = useState<number | undefined>();
  const code = props.code;
  const reloading = state.loading || (awaiting !== undefined && (state.data?.version ?? 0) < awaiting);
  return (
    <Page title={fill(t(TEXT.dossierTitle), { code })} actions={<a href={href(props.tenant, 'console', 'dossiers')}>{t(TEXT.backToInbox)}</a>}>
      {notice?.kind === 'success' && !reloading ? <Alert kind="success">{notice.text}</Alert> : null}
      {notice?.kind === 'conflict' ? (
        <div role="alert" class="alert alert-error">
          <p>{t(notice.error.text)}</p>
          <p>{t(TEXT.conflict)}</p>
        </div>
      ) : null}
      <Loading state={state}>
        {(d) => (
          <Body tenant={props.tenant} dossier={d} reloading={reloading}
            onDone={(after, action) => {
              setNotice({ kind: 'success', text: fill(t(TEXT.done), { action: t(ACTION_TEXT[action]), status: t({ vi: after.status.label, en: after.status.labelEn }) }) });
              setAwaiting(after.version);
              state.reload();
            }}
            onConflict={(error) => { setNotice({ kind: 'conflict', error }); setAwaiting(d.version + 1); state.reload(); }} />
        )}
      </Loading>
    </Page>
  );
}

function Body(props: { tenant: string; dossier: Dossier; reloading: boolean; onDone: (after: Dossier, action: ActionName) => void; onConflict: (err: ApiError) => void }) {
  const d = props.dossier;
  // Labels only: the page stands without them (the bare field ids and unit codes).
  const procedure = useLoad(() => getProcedure(props.tenant, d.procedure.code).catch(() => undefined), [props.tenant, d.procedure.code]);
  const units = useLoad(() => listUnits(props.tenant).then((p) => p.items, () => []), [props.tenant]);
  const level = urgency({ dueAt: d.dueAt, finishedAt: d.finishedAt, overdue: false });
  const status = t({ vi: d.status.label, en: d.status.labelEn });
  return (
    <div class="stack">
      <section class="panel" aria-labelledby="dossier-overview">
        <h2 id="dossier-overview">{t(TEXT.overview)}</h2>
        <dl class="facts">
          <dt>{t(TEXT.procedure)}</dt><dd>{d.procedure.name} <span class="muted">({d.procedure.code})</span></dd>
          <dt>{t(TEXT.status)}</dt><dd data-testid="dossier-status">{status}</dd>
          <dt>{t(TEXT.channel)}</dt><dd>{CHANNEL_TEXT[d.channel] ? t(CHANNEL_TEXT[d.channel]!) : d.channel}</dd>
          <dt>{t(TEXT.submittedAt)}</dt><dd>{formatDateTime(d.submittedAt)}</dd>
          {d.acceptedAt ? <><dt>{t(TEXT.acceptedAt)}</dt><dd>{formatDateTime(d.acceptedAt)}</dd></> : null}
          <dt>{t(TEXT.dueAt)}</dt>
          <dd>
            {d.dueAt ? formatDateTime(d.dueAt) : <span class="muted">{t(TEXT.noDue)}</span>}
            {level === 'overdue' ? <> <Badge tone="danger">{t(TEXT.overdue)}</Badge></> : null}
            {level === 'today' ? <> <Badge tone="warning">{t(TEXT.dueTodayBadge)}</Badge></> : null}
          </dd>
          {d.originalDueAt ? <><dt>{t(TEXT.originalDueAt)}</dt><dd>{formatDateTime(d.originalDueAt)}</dd></> : null}
          {d.finishedAt ? <><dt>{t(TEXT.finishedAt)}</dt><dd>{formatDateTime(d.finishedAt)}</dd></> : null}
          <dt>{t(TEXT.currentUnit)}</dt><dd>{unitLabel(units.data, d.currentUnit)}</dd>
          {d.missing?.length ? <><dt>{t(TEXT.missing)}</dt><dd><ul>{d.missing.map((m) => <li key={m}>{m}</li>)}</ul></dd></> : null}
          {d.payment ? (
            <><dt>{t(TEXT.payment)}</dt><dd>{formatMoney(d.payment.amount)} — {t(d.payment.confirmedAt ? TEXT.paid : TEXT.unpaid)}{d.payment.receiptNo ? ` (${d.payment.receiptNo})` : ''}</dd></>
          ) : null}
        </dl>
      </section>

      {/* While the page reloads after an action the old state's actions are not offered (nor clickable). */}
      <ActionPanel tenant={props.tenant} dossier={d} reloading={props.reloading} onDone={props.onDone} onConflict={props.onConflict} />

      <FormLinks tenant={props.tenant} dossier={d} />

      <section class="panel" aria-labelledby="dossier-applicant">
        <h2 id="dossier-applicant">{t(TEXT.applicant)}</h2>
        <dl class="facts">
          <dt>{t(TEXT.fullName)}</dt><dd>{d.applicant.fullName}</dd>
          <dt>{t(TEXT.idNumber)}</dt><dd>{d.applicant.idNumber}</dd>
          <dt>{t(TEXT.phone)}</dt><dd><a href={`tel:${d.applicant.phone.replace(/\s/g, '')}`}>{d.applicant.phone}</a></dd>
          {d.applicant.email ? <><dt>{t(TEXT.email)}</dt><dd>{d.applicant.email}</dd></> : null}
          <dt>{t(TEXT.address)}</dt><dd>{d.applicant.address}</dd>
        </dl>
      </section>

      <FormData form={d.form} procedure={procedure.data} />

      <section class="panel" aria-labelledby="dossier-files">
        <h2 id="dossier-files">{t(TEXT.files)}</h2>
        {d.documents.length ? (
          <ul>
            {d.documents.map((f) => (
              <li key={f.uploadId}>
                <strong>{procedure.data?.documents.find((r) => r.id === f.requirementId)?.name ?? f.requirementId}</strong>: <FileLine tenant={props.tenant} code={d.code} file={f} />
              </li>
            ))}
          </ul>
        ) : <p class="muted">{t(TEXT.noFiles)}</p>}
        {d.result ? (
          <>
            <h3>{t(TEXT.result)}</h3>
            <FileLine tenant={props.tenant} code={d.code} file={d.result} />
            {d.result.summary ? <p>{d.result.summary}</p> : null}
          </>
        ) : null}
      </section>

      <section class="panel" aria-labelledby="dossier-history">
        <h2 id="dossier-history">{t(TEXT.history)}</h2>
        <ol class="timeline" aria-labelledby="dossier-history">
          {d.history.map((h, i) => <HistoryItem key={`${h.at}-${i}`} tenant={props.tenant} code={d.code} entry={h} units={units.data} />)}
        </ol>
      </section>
    </div>
  );
}

/**
 * A file's name, size and SHA-256, and a button that downloads it. The link is asked for on click, not with the page:
 * it lives 5 minutes, and a dossier can carry many files. The URL is a presigned S3 GET on another origin, served as
 * an attachment, so going to it saves the file and leaves this page where it is (an <a download> would be ignored
 * cross-origin, and a fetch+blob would need CORS on the bucket).
 */
function FileLine(props: { tenant: string; code: string; file: StoredFile }) {
  const f = props.file;
  const start = useSubmit(async () => window.location.assign((await fileLink(props.tenant, props.code, f.uploadId)).url));
  return (
    <>
      {f.fileName} <span class="muted">({fill(t(TEXT.fileMeta), { size: formatBytes(f.size), sha: `${f.sha256.slice(0, 12)}…` })})</span>{' '}
      {/* Visible "Tải xuống", named with the file so a screen reader's list of buttons tells them apart. */}
      <Button kind="link" busy={start.busy} aria-label={fill(t(TEXT.downloadFile), { name: f.fileName })} onClick={start.run}>{t(TEXT.download)}</Button>
      <ErrorAlert error={start.error} onRetry={start.run} />
    </>
  );
}

function FormData(props: { form: Record<string, unknown>; procedure: ProcedureInfo | undefined }) {
  // In the procedure's order (how the applicant filled it in), then anything the current version no longer asks.
  const order = props.procedure?.form.map((f) => f.id) ?? [];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const entries = Object.entries(props.form).sort(([a], [b]) => rank(a) - rank(b));
  if (!entries.length) return null;
  const label = (id: string) => props.procedure?.form.find((f) => f.id === id)?.label ?? id;
  const show = (v: unknown) => (typeof v === 'boolean' ? t(v ? TEXT.yes : TEXT.no) : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(`${v}T12:00:00+07:00`) : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? ''));
  return (
    <section class="panel" aria-labelledby="dossier-form">
      <h2 id="dossier-form">{t(TEXT.formData)}</h2>
      <dl class="facts">{entries.map(([k, v]) => <Fragment key={k}><dt>{label(k)}</dt><dd>{show(v)}</dd></Fragment>)}</dl>
    </section>
  );
}

function HistoryItem(props: { tenant: string; code: string; entry: HistoryEntry; units: Unit[] | undefined }) {
  const h = props.entry;
  // The recorded name, else what they acted as (the history keeps ids, which mean nothing to a reader).
  const who = h.by.name ?? h.by.role.split(',').map((r) => (ROLE_TEXT[r] ? t(ROLE_TEXT[r]) : r)).join(', ');
  const details = h.details ?? {};
  const reason = typeof details.reason === 'string' ? details.reason : undefined;
  const missing = Array.isArray(details.missing) ? (details.missing as string[]) : undefined;
  return (
    <li>
      <p>
        <time dateTime={h.at}>{formatDateTime(h.at)}</time> — <strong>{t(HISTORY_TEXT[h.action] ?? { vi: h.action, en: h.action })}</strong>
        {STATUS_TEXT[h.to] ? <> → {t(STATUS_TEXT[h.to]!)}</> : null}
        <span class="muted"> {t(TEXT.by)} {who}{h.by.unit ? ` — ${unitLabel(props.units, h.by.unit)}` : ''}</span>
      </p>
      {reason ? <p>{t(TEXT.reason)}: {reason}</p> : null}
      {missing ? <p>{t(TEXT.missingField)}: {missing.join('; ')}</p> : null}
      {typeof details.amount === 'number' ? <p>{t(TEXT.amount)}: {formatMoney(details.amount)}</p> : null}
      {typeof details.toUnit === 'string' ? <p>{t(TEXT.toUnit)}: {unitLabel(props.units, details.toUnit)}</p> : null}
      {typeof details.newDueAt === 'string' ? <p>{t(TEXT.dueAt)}: {formatDateTime(details.newDueAt)}</p> : null}
      {h.note ? <p>{t(TEXT.note)}: {h.note}</p> : null}
      {h.files?.length ? <ul>{h.files.map((f) => <li key={f.uploadId}><FileLine tenant={props.tenant} code={props.code} file={f} /></li>)}</ul> : null}
    </li>
  );
}

/** The receipt (once accepted, unless refused) and the apology letter (once extended), as the forms service allows. */
function FormLinks(props: { tenant: string; dossier: Dossier }) {
  const d = props.dossier;
  const kinds: ('receipt' | 'apology')[] = [
    ...(d.acceptedAt && d.status.code >= 2 && d.status.code !== 3 ? ['receipt' as const] : []),
    ...(d.extension ? ['apology' as const] : []),
  ];
  const [links, setLinks] = useState<Partial<Record<'receipt' | 'apology', FormLink>>>({});
  const open = useSubmit(async (kind: 'receipt' | 'apology') => {
    const link = await formLink(props.tenant, d.code, kind);
    setLinks((l) => ({ ...l, [kind]: link }));
  });
  if (!kinds.length) return null;
  return (
    <section class="panel no-print" aria-labelledby="dossier-forms">
      <h2 id="dossier-forms">{t(TEXT.forms)}</h2>
      <ErrorAlert error={open.error} />
      <ul>
        {kinds.map((kind) => (
          <li key={kind}>
            <Button kind="link" busy={open.running?.[0] === kind} onClick={() => void open.run(kind)}>{t(kind === 'receipt' ? TEXT.receiptForm : TEXT.apologyForm)}</Button>
            {links[kind] ? <> — <a href={links[kind].url} target="_blank" rel="noopener">{fill(t(TEXT.openPdf), { name: links[kind].fileName })}</a></> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

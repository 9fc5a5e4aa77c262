// An outgoing document: its details and files with the signature verdicts, the actions the user's role allows in
// its status (edit and approve a draft, issue an approved one, recall an issued one), and where each recipient's
// copy stands (the trace), with the document's own history.
import { useEffect, useRef, useState } from 'preact/hooks';
import { session, hasRole } from '../core/auth';
import { allUploaded, FilePicker, type PickedFile } from '../core/files';
import { formatDate, formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { useStore } from '../core/store';
import { Alert, Button, COMMON_TEXT, Dialog, ErrorAlert, Loading, Page, TextArea, useLoad, type Loaded, Invalid } from '../core/ui';
import { documentsApi, type OutgoingDocument, type Trace, type Unit } from './api';
import { ExchangeBadge, FilesTable, HistoryList, OutgoingBadge, unitName, useActionDialogs, useUnits } from './common';
import { CONFIDENTIALITY, labelOf, OUTGOING_STATUS, TEXT, typeLabel, URGENCY } from './text';

export function DocumentPage(props: { tenant: string; id: string }) {
  const api = documentsApi(props.tenant);
  const doc = useLoad(() => api.document(props.id), [props.tenant, props.id]);
  const units = useUnits(props.tenant);
  const [notice, setNotice] = useState<string>();
  return (
    <Page title={doc.data ? `${t(typeLabel(doc.data.type))} ${doc.data.numberSymbol ?? `(${t(labelOf(OUTGOING_STATUS, doc.data.status))})`}` : t(TEXT.details)}>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      <Loading state={doc}>
        {(d) => (
          <>
            <Details doc={d} units={units.data} />
            <Actions tenant={props.tenant} doc={d} onDone={(message) => { setNotice(message); doc.reload(); }} />
            <section class="panel" aria-labelledby="files-title">
              <h2 id="files-title">{t(TEXT.attachments)}</h2>
              <FilesTable files={[
                { role: t(TEXT.fileMain), file: d.mainFile },
                ...(d.signedFile ? [{ role: t(TEXT.fileSigned), file: d.signedFile }] : []),
                ...d.annexes.map((file) => ({ role: t(TEXT.fileAnnex), file })),
              ]} link={(file) => documentsApi(props.tenant).documentFile(d.id, file)} />
            </section>
            <TracePanel tenant={props.tenant} doc={d} units={units.data} />
            <section class="panel" aria-labelledby="history-title">
              <h2 id="history-title">{t(TEXT.history)}</h2>
              <HistoryList history={d.history} />
            </section>
          </>
        )}
      </Loading>
    </Page>
  );
}

function Details(props: { doc: OutgoingDocument; units: Unit[] | undefined }) {
  const d = props.doc;
  const signer = [d.signer.authority, d.signer.onBehalfOf].filter(Boolean).join(' ');
  return (
    <section class="panel" aria-labelledby="details-title">
      <h2 id="details-title">{t(TEXT.details)}</h2>
      <dl class="facts">
        <dt>{t(TEXT.status)}</dt><dd><OutgoingBadge status={d.status} /></dd>
        <dt>{t(TEXT.numberSymbol)}</dt><dd data-testid="number-symbol">{d.numberSymbol ?? <span class="muted">{t(TEXT.noNumber)}</span>}</dd>
        {d.issuedAt ? <><dt>{t(TEXT.issuedAt)}</dt><dd>{formatDateTime(d.issuedAt)}</dd></> : null}
        <dt>{t(TEXT.type)}</dt><dd>{t(typeLabel(d.type))}</dd>
        <dt>{t(TEXT.subject)}</dt><dd>{d.subject}</dd>
        <dt>{t(TEXT.draftingUnit)}</dt><dd>{d.draftingUnit.name}</dd>
        <dt>{t(TEXT.issuingUnit)}</dt><dd>{d.issuingUnit.name}</dd>
        <dt>{t(TEXT.signerName)}</dt><dd>{signer ? `${signer} · ` : ''}{d.signer.position} · {d.signer.name}</dd>
        <dt>{t(TEXT.urgency)}</dt><dd>{t(labelOf(URGENCY, d.urgency))}</dd>
        <dt>{t(TEXT.confidentiality)}</dt><dd>{t(labelOf(CONFIDENTIALITY, d.confidentiality))}</dd>
        {d.replyBy ? <><dt>{t(TEXT.replyBy)}</dt><dd>{formatDate(d.replyBy)}</dd></> : null}
        <dt>{t(TEXT.recipients)}</dt>
        <dd>
          <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
            {d.recipients.map((r) => <li key={r.agency}>{unitName(props.units, r.agency)}{r.copy === 'info' ? ` (${t(TEXT.forInfo)})` : ''}</li>)}
          </ul>
        </dd>
      </dl>
    </section>
  );
}

type Open = 'approve' | 'issue' | 'recall' | undefined;

function Actions(props: { tenant: string; doc: OutgoingDocument; onDone: (message: string) => void }) {
  const user = useStore(session);
  const api = documentsApi(props.tenant);
  const d = props.doc;
  const [signed, setSigned] = useState<PickedFile[]>([]);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  // The dialog's one required field: the signed file (approve, issue), the reason (recall).
  const { open, setOpen, close, action, busy, error, fieldError } = useActionDialogs<NonNullable<Open>>(props.onDone);

  const canEdit = d.status === 'draft';
  const canApprove = d.status === 'draft' && hasRole(user, 'leader', 'tenant-admin');
  const canIssue = d.status === 'approved' && hasRole(user, 'clerk', 'tenant-admin');
  const canRecall = d.status === 'issued' && hasRole(user, 'clerk', 'leader', 'tenant-admin');
  if (!canEdit && !canApprove && !canIssue && !canRecall) return null;

  const approve = (e: Event) => void action.run(e, async () => {
    const uploadId = signed[0]?.uploadId;
    if (!uploadId || !allUploaded(signed)) throw new Invalid({ dialog: t(signed.length ? TEXT.waitUploads : TEXT.signedFileHint) });
    await api.approve(d.id, d.version, uploadId, note.trim() || undefined);
    return t(TEXT.approved);
  });
  const recall = (e: Event) => void action.run(e, async () => {
    if (!reason.trim()) throw new Invalid({ dialog: t(COMMON_TEXT.requiredMissing) });
    await api.recall(d.id, d.version, reason.trim());
    return t(TEXT.recalled);
  });

  return (
    <section class="panel no-print" aria-labelledby="actions-title">
      <h2 id="actions-title">{t(TEXT.actions)}</h2>
      {!open ? <ErrorAlert error={error} /> : null}
      <div class="actions">
        {canApprove ? <Button kind="primary" onClick={() => setOpen('approve')}>{t(TEXT.approve)}</Button> : null}
        {canIssue ? <Button kind="primary" onClick={() => setOpen('issue')}>{t(TEXT.issue)}</Button> : null}
        {canEdit ? <a class="btn btn-secondary" href={href(props.tenant, 'console', 'documents', d.id, 'edit')}>{t(TEXT.edit)}</a> : null}
        {canRecall ? <Button kind="danger" onClick={() => setOpen('recall')}>{t(TEXT.recall)}</Button> : null}
      </div>
      <Dialog open={open === 'approve'} title={t(TEXT.approveTitle)} onClose={close}>
        <form onSubmit={approve} noValidate>
          <ErrorAlert error={error} />
          <FilePicker tenant={props.tenant} label={t(TEXT.signedFile)} hint={t(TEXT.signedFileHint)} multiple={false} files={signed} onChange={(update) => setSigned(update)} error={fieldError} />
          <TextArea label={t(TEXT.note)} rows={2} value={note} onValue={setNote} />
          <div class="actions">
            <Button kind="primary" type="submit" busy={busy}>{t(TEXT.approve)}</Button>
            <Button onClick={close}>{t(COMMON_TEXT.cancel)}</Button>
          </div>
        </form>
      </Dialog>
      <Dialog open={open === 'issue'} title={t(TEXT.issue)} onClose={close}>
        <p>{t(TEXT.issueConfirm)}</p>
        <ErrorAlert error={error} />
        <div class="actions">
          <Button kind="primary" busy={busy} onClick={() => void action.run(async () => { const issued = await api.issue(d.id, d.version); return `${t(TEXT.issued)} ${issued.numberSymbol ?? ''}`; })}>{t(TEXT.confirm)}</Button>
          <Button onClick={close}>{t(COMMON_TEXT.cancel)}</Button>
        </div>
      </Dialog>
      <Dialog open={open === 'recall'} title={t(TEXT.recallTitle)} onClose={close}>
        <form onSubmit={recall} noValidate>
          <ErrorAlert error={error} />
          <TextArea label={t(TEXT.reason)} required rows={3} value={reason} onValue={setReason} error={fieldError} />
          <div class="actions">
            <Button kind="danger" type="submit" busy={busy}>{t(TEXT.recall)}</Button>
            <Button onClick={close}>{t(COMMON_TEXT.cancel)}</Button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}

function TracePanel(props: { tenant: string; doc: OutgoingDocument; units: Unit[] | undefined }) {
  const sent = props.doc.status === 'issued' || props.doc.status === 'recalled';
  const api = documentsApi(props.tenant);
  // Reloaded with the document (its version changes on every action) and on request.
  const trace = useLoad(() => (sent ? api.trace(props.doc.id) : Promise.resolve(undefined)), [props.doc.id, props.doc.version, sent]);
  // Copies to other provinces arrive through the hub a few seconds later: look again while one is on its way,
  // for two minutes at most (the refresh button stays for later).
  const polls = useRef(0);
  const waiting = trace.data?.recipients.some((r) => r.state === 'pending') ?? false;
  useEffect(() => {
    if (!waiting || trace.loading || polls.current >= 24) return;
    const timer = setTimeout(() => { polls.current += 1; trace.reload(); }, 5000);
    return () => clearTimeout(timer);
  }, [waiting, trace.loading, trace.data]);
  return (
    <section class="panel" aria-labelledby="trace-title">
      <div class="page-head">
        <h2 id="trace-title">{t(TEXT.trace)}</h2>
        {sent ? <Button onClick={trace.reload} busy={trace.loading}>{t(TEXT.refresh)}</Button> : null}
      </div>
      {sent ? <p class="muted">{t(TEXT.traceLead)}</p> : <p>{t(TEXT.notIssuedYet)}</p>}
      {sent ? <TraceTable state={trace} units={props.units} /> : null}
    </section>
  );
}

const recipientName = (name: string | undefined, agency: string, units: Unit[] | undefined) => name ?? unitName(units, agency);

function TraceTable(props: { state: Loaded<Trace | undefined>; units: Unit[] | undefined }) {
  return (
    <Loading state={props.state}>
      {(trace) => (trace ? (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">{t(TEXT.trace)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(TEXT.recipient)}</th><th scope="col">{t(TEXT.copy)}</th><th scope="col">{t(TEXT.route)}</th>
                <th scope="col">{t(TEXT.status)}</th><th scope="col">{t(TEXT.sentAt)}</th><th scope="col">{t(TEXT.updated)}</th><th scope="col">{t(TEXT.traceHistory)}</th>
              </tr>
            </thead>
            <tbody>
              {trace.recipients.map((r) => (
                <tr key={r.agency} data-agency={r.agency}>
                  <th scope="row">{recipientName(r.name, r.agency, props.units)}{r.name || unitName(props.units, r.agency) !== r.agency ? <div class="muted">{r.agency}</div> : null}</th>
                  <td>{t(r.copy === 'info' ? TEXT.copyInfo : TEXT.copyMain)}</td>
                  <td>{t(r.route === 'hub' ? TEXT.routeHub : TEXT.routeLocal)}</td>
                  <td><ExchangeBadge code={r.state} /></td>
                  <td>{formatDateTime(r.sentAt)}</td>
                  <td>{formatDateTime(r.updatedAt)}</td>
                  <td>
                    <ol style={{ margin: 0, paddingLeft: '1.25rem' }}>
                      {r.history.map((h) => (
                        <li key={h.id}>
                          <ExchangeBadge code={h.code} /> <span class="muted">{formatDateTime(h.at)}</span>
                          {h.staff || h.unit ? <div>{[h.staff, h.unit].filter(Boolean).join(', ')}</div> : null}
                          {h.description && h.description !== h.label ? <div>{h.description}</div> : null}
                        </li>
                      ))}
                    </ol>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null)}
    </Loading>
  );
}

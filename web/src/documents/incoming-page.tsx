// An incoming document: what arrived (sender, number, summary, files with their signature verdicts), and the
// actions of the receiving unit's desk (register, refuse, assign, answer a recall) or of its assignee (start,
// complete). Each action sends its status back to the sender, who sees it in the trace.
import { useState } from 'preact/hooks';
import { session, hasRole } from '../core/auth';
import { formatDate, formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { useStore } from '../core/store';
import { Alert, Button, COMMON_TEXT, Dialog, ErrorAlert, Loading, Page, SelectField, TextArea, TextField, useLoad, Invalid } from '../core/ui';
import { actingUnits, documentsApi, type IncomingActionInput, type IncomingDocument, type Unit } from './api';
import { ExchangeBadge, FilesTable, HistoryList, unitName, useActionDialogs, useUnits } from './common';
import { CONFIDENTIALITY, labelOf, REVISION, TEXT, typeLabel, URGENCY } from './text';

export function IncomingPage(props: { tenant: string; id: string }) {
  const api = documentsApi(props.tenant);
  const doc = useLoad(() => api.incoming(props.id), [props.tenant, props.id]);
  const me = useLoad(() => api.me(), [props.tenant]);
  const units = useUnits(props.tenant);
  const [notice, setNotice] = useState<string>();
  return (
    <Page title={doc.data ? `${t(typeLabel(doc.data.type))} ${doc.data.numberSymbol}` : t(TEXT.inbox)}>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      <Loading state={doc}>
        {(d) => (
          <>
            <Details tenant={props.tenant} doc={d} units={units.data} />
            {units.data ? <Actions tenant={props.tenant} doc={d} units={units.data} meId={me.data?.id} onDone={(m) => { setNotice(m); doc.reload(); }} /> : null}
            <section class="panel" aria-labelledby="files-title">
              <h2 id="files-title">{t(TEXT.attachments)}</h2>
              <FilesTable files={d.files.map((file, i) => ({ role: t(i === 0 ? TEXT.fileSigned : TEXT.fileAnnex), file }))} link={(file) => api.incomingFile(d.id, file)} />
            </section>
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

function Details(props: { tenant: string; doc: IncomingDocument; units: Unit[] | undefined }) {
  const d = props.doc;
  const a = d.assignment;
  // An official assigned by id is named from their unit's (or the receiving unit's) list of officials.
  const officials = useLoad(() => (a?.userId ? documentsApi(props.tenant).officials(a.unit ?? d.unit) : Promise.resolve([])), [props.tenant, a?.userId, a?.unit, d.unit]);
  const assigneeName = a?.userId ? (officials.data?.find((o) => o.id === a.userId)?.name ?? t(TEXT.anOfficial)) : undefined;
  return (
    <section class="panel" aria-labelledby="details-title">
      <h2 id="details-title">{t(TEXT.details)}</h2>
      {d.recalled ? <Alert kind="warning">{t(TEXT.recalledNote)}</Alert> : null}
      <dl class="facts">
        <dt>{t(TEXT.status)}</dt><dd><ExchangeBadge code={d.status} /></dd>
        <dt>{t(TEXT.numberSymbol)}</dt><dd>{d.numberSymbol}</dd>
        <dt>{t(TEXT.issuedAt)}</dt><dd>{formatDate(d.issuedAt)}</dd>
        <dt>{t(TEXT.from)}</dt><dd>{d.from.name} <span class="muted">({d.from.agency})</span></dd>
        <dt>{t(TEXT.type)}</dt><dd>{t(typeLabel(d.type))}</dd>
        <dt>{t(TEXT.subject)}</dt><dd>{d.subject}</dd>
        <dt>{t(TEXT.signerName)}</dt><dd>{[d.signer.authority, d.signer.position, d.signer.name].filter(Boolean).join(' · ')}</dd>
        <dt>{t(TEXT.urgency)}</dt><dd>{t(labelOf(URGENCY, d.urgency))}</dd>
        <dt>{t(TEXT.confidentiality)}</dt><dd>{t(labelOf(CONFIDENTIALITY, d.confidentiality))}</dd>
        {d.replyBy ? <><dt>{t(TEXT.replyBy)}</dt><dd>{formatDate(d.replyBy)}</dd></> : null}
        <dt>{t(TEXT.receivedBy)}</dt><dd>{unitName(props.units, d.unit)} · {t(d.copy === 'info' ? TEXT.copyInfo : TEXT.copyMain)}</dd>
        <dt>{t(TEXT.arrivedAt)}</dt><dd>{formatDateTime(d.arrivedAt)}</dd>
        {d.arrivalNumber ? <><dt>{t(TEXT.arrivalNumber)}</dt><dd data-testid="arrival-number">{d.arrivalNumber} · {formatDateTime(d.registeredAt)}</dd></> : null}
        {a ? (
          <>
            <dt>{t(TEXT.assignment)}</dt>
            <dd>
              {[a.unit ? unitName(props.units, a.unit) : undefined, assigneeName].filter(Boolean).join(', ')}
              {a.by.name ? <span class="muted"> · {t(TEXT.by)} {a.by.name}</span> : null}
              {a.deadline ? <> · {t(TEXT.deadline)}: {formatDate(a.deadline)}</> : null}
              {a.note ? <div>{a.note}</div> : null}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

type Open = 'refuse' | 'assign' | undefined;

function Actions(props: { tenant: string; doc: IncomingDocument; units: Unit[]; meId: string | undefined; onDone: (message: string) => void }) {
  const user = useStore(session);
  const api = documentsApi(props.tenant);
  const d = props.doc;
  const mine = actingUnits(user, props.units).map((u) => u.code);
  // The API's rule (functions/documents/incoming.ts standingOn), mirrored to offer only what it will accept.
  const member = mine.includes(d.unit);
  const desk = hasRole(user, 'tenant-admin') || (hasRole(user, 'clerk', 'leader') && member);
  const a = d.assignment;
  const assignee = !!a && ((!!props.meId && a.userId === props.meId) || (!!a.unit && mine.includes(a.unit) && hasRole(user, 'officer', 'clerk', 'leader')) || (hasRole(user, 'leader') && member));

  const [reason, setReason] = useState('');
  const [assign, setAssign] = useState({ unit: '', userId: '', deadline: '', note: '' });
  // The dialog's one required field: the reason (refuse), whom to assign (assign).
  const { open, setOpen, close, action, busy, error, fieldError } = useActionDialogs<NonNullable<Open>>(props.onDone);
  const officials = useLoad(() => (assign.unit ? api.officials(assign.unit) : Promise.resolve([])), [assign.unit]);

  /** An action on the document; `input` may throw an Invalid (a required field left empty) before anything is sent. */
  const act = (input: () => IncomingActionInput, message: (next: IncomingDocument) => string) =>
    action.run(async () => message(await api.act(d.id, d.version, input())));
  const answer = (agree: boolean) => action.run(async () => { await api.answerRevision(d.id, d.version, agree); return t(TEXT.answered); });

  const can = {
    register: desk && d.status === '01',
    refuse: desk && (d.status === '01' || d.status === '03'),
    assign: desk && (d.status === '03' || d.status === '04'),
    start: assignee && d.status === '04',
    complete: assignee && (d.status === '04' || d.status === '05'),
    answer: desk && !!d.pendingRevision,
  };
  const any = Object.values(can).some(Boolean);

  return (
    <section class="panel no-print" aria-labelledby="actions-title">
      <h2 id="actions-title">{t(TEXT.actions)}</h2>
      {!open ? <ErrorAlert error={error} /> : null}
      {d.pendingRevision && can.answer ? (
        <Alert kind="warning">
          {t(TEXT.pendingRevision)} {t(labelOf(REVISION, d.pendingRevision.business))}: {d.pendingRevision.reason}
          <div class="actions">
            <Button kind="primary" busy={busy} onClick={() => void answer(true)}>{t(TEXT.agree)}</Button>
            <Button busy={busy} onClick={() => void answer(false)}>{t(TEXT.disagree)}</Button>
          </div>
        </Alert>
      ) : null}
      {any ? (
        <div class="actions">
          {can.register ? <Button kind="primary" busy={busy} onClick={() => void act(() => ({ action: 'register' }), (n) => `${t(TEXT.registered)} ${n.arrivalNumber ?? ''}`)}>{t(TEXT.register)}</Button> : null}
          {can.assign ? <Button kind="primary" onClick={() => setOpen('assign')}>{t(TEXT.assign)}</Button> : null}
          {can.start ? <Button kind="primary" busy={busy} onClick={() => void act(() => ({ action: 'start' }), () => t(TEXT.started))}>{t(TEXT.start)}</Button> : null}
          {can.complete ? <Button kind="primary" busy={busy} onClick={() => void act(() => ({ action: 'complete' }), () => t(TEXT.completed))}>{t(TEXT.complete)}</Button> : null}
          {can.refuse ? <Button kind="danger" onClick={() => setOpen('refuse')}>{t(TEXT.refuse)}</Button> : null}
        </div>
      ) : <p class="muted">{t(TEXT.noActions)}</p>}
      <Dialog open={open === 'refuse'} title={t(TEXT.refuse)} onClose={close}>
        <form noValidate onSubmit={(e) => {
          e.preventDefault();
          void act(() => {
            if (!reason.trim()) throw new Invalid({ dialog: t(COMMON_TEXT.requiredMissing) });
            return { action: 'refuse', reason: reason.trim() };
          }, () => t(TEXT.refused));
        }}>
          <ErrorAlert error={error} />
          <TextArea label={t(TEXT.reason)} required rows={3} value={reason} onValue={setReason} error={fieldError} />
          <div class="actions">
            <Button kind="danger" type="submit" busy={busy}>{t(TEXT.refuse)}</Button>
            <Button onClick={close}>{t(COMMON_TEXT.cancel)}</Button>
          </div>
        </form>
      </Dialog>
      <Dialog open={open === 'assign'} title={t(TEXT.assign)} onClose={close}>
        <form noValidate onSubmit={(e) => {
          e.preventDefault();
          void act(() => {
            if (!assign.unit && !assign.userId) throw new Invalid({ dialog: t(COMMON_TEXT.requiredMissing) });
            return {
              action: 'assign', ...(assign.unit ? { unit: assign.unit } : {}), ...(assign.userId ? { userId: assign.userId } : {}),
              ...(assign.deadline ? { deadline: assign.deadline } : {}), ...(assign.note.trim() ? { note: assign.note.trim() } : {}),
            };
          }, () => t(TEXT.assigned));
        }}>
          <ErrorAlert error={error} />
          <SelectField label={t(TEXT.assignUnit)} required value={assign.unit} onValue={(unit) => setAssign((s) => ({ ...s, unit, userId: '' }))} placeholder={t(TEXT.nobody)}
            options={props.units.filter((u) => u.active).map((u) => ({ value: u.code, label: u.name }))} error={fieldError} />
          <SelectField label={t(TEXT.assignUser)} value={assign.userId} onValue={(userId) => setAssign((s) => ({ ...s, userId }))} placeholder={t(TEXT.nobody)}
            disabled={!assign.unit} options={(officials.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          <TextField label={t(TEXT.deadline)} type="date" value={assign.deadline} onValue={(deadline) => setAssign((s) => ({ ...s, deadline }))} />
          <TextArea label={t(TEXT.note)} rows={2} value={assign.note} onValue={(note) => setAssign((s) => ({ ...s, note }))} />
          <div class="actions">
            <Button kind="primary" type="submit" busy={busy}>{t(TEXT.assign)}</Button>
            <Button onClick={close}>{t(COMMON_TEXT.cancel)}</Button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}

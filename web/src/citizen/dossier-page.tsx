// One of the citizen's dossiers: its status, the due date, the history as a timeline, and what the citizen may do
// now — exactly the actions the API allows them (supply documents when asked, withdraw) — then the result and the
// rating once it is returned.
import { Fragment } from 'preact';
import { useId, useState } from 'preact/hooks';
import { FilePicker, type PickedFile } from '../core/files';
import { formatDateTime, formatMoney } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { COMMON_TEXT, Alert, Badge, Button, Dialog, ErrorAlert, Loading, Page, TextArea, useDraft, useLoad, Invalid, useSubmit } from '../core/ui';
import { actOn, downloadFile, getDossier, getProcedure, rate, type Dossier } from './api';
import { ReceiptButton } from './receipt';
import { ACTION_TEXT, STATUS_TEXT, statusTone, TEXT } from './text';

const SCORES = ['very-satisfied', 'satisfied', 'unsatisfied'] as const;

export function DossierPage(props: { tenant: string; code: string }) {
  const state = useLoad(() => getDossier(props.tenant, props.code), [props.tenant, props.code]);
  const [notice, setNotice] = useState<string>();
  const done = (text: string) => { setNotice(text); state.reload(); };
  return (
    <Loading state={state}>
      {(d) => (
        <Page title={d.procedure.name}>
          <p><a href={href(props.tenant, 'my')}>← {t(TEXT.myTitle)}</a></p>
          {notice ? <Alert kind="success">{notice}</Alert> : null}
          <dl class="facts panel">
            <dt>{t(TEXT.dossierCode)}</dt><dd style={{ wordBreak: 'break-all' }}><strong>{d.code}</strong></dd>
            <dt>{t(TEXT.status)}</dt><dd><Badge tone={statusTone(d.status.code)}>{t({ vi: d.status.label, en: d.status.labelEn })}</Badge></dd>
            <dt>{t(TEXT.submittedAt)}</dt><dd>{formatDateTime(d.submittedAt)}</dd>
            {d.acceptedAt ? <><dt>{t(TEXT.acceptedAt)}</dt><dd>{formatDateTime(d.acceptedAt)}</dd></> : null}
            <dt>{t(TEXT.dueAt)}</dt>
            <dd>
              {d.dueAt ? formatDateTime(d.dueAt) : t(d.status.code === 1 ? TEXT.dueAfterAccept : TEXT.noDeadline)}
              {d.dueAt && !d.finishedAt && Date.parse(d.dueAt) < Date.now() ? <> <Badge tone="danger">{t(TEXT.overdue)}</Badge></> : null}
            </dd>
            {d.finishedAt ? <><dt>{t(TEXT.finishedAt)}</dt><dd>{formatDateTime(d.finishedAt)}</dd></> : null}
            <dt>{t(TEXT.applicant)}</dt><dd>{d.applicant.fullName}</dd>
            <dt>{t(TEXT.documentsSent)}</dt><dd><ul>{d.documents.map((f) => <li key={f.uploadId}>{f.fileName}</li>)}</ul></dd>
          </dl>

          {d.payment && !d.payment.confirmedAt ? <Alert kind="warning">{t(TEXT.paymentDue)}: <strong>{formatMoney(d.payment.amount)}</strong></Alert> : null}
          {d.extension ? <Alert kind="info">{t(TEXT.extended)} {formatDateTime(d.extension.newDueAt)}. {t(TEXT.reasonLabel)}: {d.extension.reason}</Alert> : null}
          {d.acceptedAt ? <ReceiptButton tenant={props.tenant} code={d.code} /> : null}
          {d.allowedActions?.includes('supplement') ? <Supplement tenant={props.tenant} dossier={d} onDone={() => done(t(TEXT.supplementDone))} /> : null}
          {d.result ? <Result tenant={props.tenant} dossier={d} /> : null}
          {d.status.code === 10 ? <Rating tenant={props.tenant} dossier={d} onDone={() => done(t(TEXT.ratingDone))} /> : null}

          <h2>{t(TEXT.historyTitle)}</h2>
          <ol class="timeline" aria-label={t(TEXT.historyTitle)}>
            {[...d.history].reverse().map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <strong>{t(ACTION_TEXT[h.action] ?? { vi: h.action, en: h.action })}</strong>
                <span class="muted" style={{ display: 'block' }}><time dateTime={h.at}>{formatDateTime(h.at)}</time> · {t(STATUS_TEXT[h.to] ?? { vi: String(h.to), en: String(h.to) })}</span>
                {h.note ? <span style={{ display: 'block' }}>{t(TEXT.note)}: {h.note}</span> : null}
                {/* Plain text, not a nested list: the timeline's items draw their own dots. */}
                {Array.isArray(h.details?.missing) ? <span style={{ display: 'block' }}>{(h.details.missing as string[]).join('; ')}</span> : null}
              </li>
            ))}
          </ol>

          {d.allowedActions?.includes('withdraw') ? <Withdraw tenant={props.tenant} dossier={d} onDone={() => done(t(TEXT.withdrawDone))} /> : null}
        </Page>
      )}
    </Loading>
  );
}

/** The office asked for more documents: the citizen uploads them against the procedure's requirements. */
function Supplement(props: { tenant: string; dossier: Dossier; onDone: () => void }) {
  const d = props.dossier;
  const procedure = useLoad(() => getProcedure(props.tenant, d.procedure.code), [props.tenant, d.procedure.code]);
  const [files, setFiles, clear] = useDraft<Record<string, PickedFile[]>>(`supplement.${props.tenant}.${d.code}.${d.version}`, {});
  const send = useSubmit(async () => {
    const documents = Object.entries(files).flatMap(([requirementId, list]) => list.filter((f) => f.uploadId).map((f) => ({ requirementId, uploadId: f.uploadId! })));
    const pending = Object.values(files).some((list) => list.some((f) => !f.uploadId));
    if (pending || documents.length === 0) throw new Invalid({ files: t(pending ? TEXT.waitUploads : TEXT.missingFile) });
    await actOn(props.tenant, d.code, { action: 'supplement', version: d.version, documents });
    clear();
    props.onDone();
  });
  return (
    <section class="panel stack" aria-labelledby="supplement-title">
      <h2 id="supplement-title">{t(TEXT.supplementTitle)}</h2>
      <Alert kind="warning">
        {t(TEXT.supplementLead)}
        <ul>{(d.missing ?? []).map((m) => <li key={m}>{m}</li>)}</ul>
      </Alert>
      <Loading state={procedure}>
        {(p) => (
          <>
            {p.documents.map((r) => (
              <FilePicker key={r.id} tenant={props.tenant} multiple={false} label={r.name} files={files[r.id] ?? []}
                onChange={(update) => setFiles((all) => ({ ...all, [r.id]: update(all[r.id] ?? []) }))} />
            ))}
          </>
        )}
      </Loading>
      {send.errors.files ? <Alert kind="error">{send.errors.files}</Alert> : null}
      <ErrorAlert error={send.error} />
      <Button kind="primary" busy={send.busy} onClick={send.run}>{t(TEXT.supplementSend)}</Button>
    </section>
  );
}

/** What the office decided, and its file to download once the result is returned (the API allows it then). */
function Result(props: { tenant: string; dossier: Dossier }) {
  const d = props.dossier;
  const r = d.result!;
  const get = useSubmit(() => downloadFile(props.tenant, d.code, r.uploadId));
  return (
    <section class="panel stack" aria-labelledby="result-title">
      <h2 id="result-title">{t(TEXT.resultTitle)}</h2>
      {r.summary ? <p>{r.summary}</p> : null}
      <dl class="facts"><dt>{t(TEXT.resultFile)}</dt><dd>{r.fileName}</dd></dl>
      {d.status.code === 10 ? <Button kind="primary" busy={get.busy} onClick={get.run}>{t(TEXT.downloadResult)}</Button> : null}
      <ErrorAlert error={get.error} />
    </section>
  );
}

function Rating(props: { tenant: string; dossier: Dossier; onDone: () => void }) {
  const d = props.dossier;
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const send = useSubmit(async () => {
    if (!score) throw new Invalid({ score: t(TEXT.chooseScore) });
    await rate(props.tenant, d.code, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    props.onDone();
  });
  const problem = send.errors.score;
  const name = useId();
  if (d.rating) {
    return (
      <section class="panel" aria-labelledby="rating-title">
        <h2 id="rating-title">{t(TEXT.ratingTitle)}</h2>
        <p>{t(TEXT.ratedAs)} <strong>{t(TEXT[d.rating.score as (typeof SCORES)[number]] ?? { vi: d.rating.score, en: d.rating.score })}</strong> ({formatDateTime(d.rating.at)})</p>
        {d.rating.comment ? <p>{d.rating.comment}</p> : null}
      </section>
    );
  }
  return (
    <form class="panel stack" onSubmit={send.run} noValidate aria-labelledby="rating-title">
      <h2 id="rating-title">{t(TEXT.ratingTitle)}</h2>
      <fieldset>
        <legend>{t(TEXT.ratingScore)}</legend>
        {SCORES.map((s) => (
          <Fragment key={s}>
            <div class="check">
              <input type="radio" id={`${name}-${s}`} name={name} value={s} checked={score === s} onChange={() => setScore(s)} />
              <label for={`${name}-${s}`}>{t(TEXT[s])}</label>
            </div>
          </Fragment>
        ))}
        {problem ? <p class="error" role="alert">{problem}</p> : null}
      </fieldset>
      <TextArea label={t(TEXT.ratingComment)} name="comment" maxLength={2000} value={comment} onValue={setComment} />
      <ErrorAlert error={send.error} />
      <Button kind="primary" type="submit" busy={send.busy}>{t(TEXT.ratingSend)}</Button>
    </form>
  );
}

function Withdraw(props: { tenant: string; dossier: Dossier; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const send = useSubmit(async () => {
    await actOn(props.tenant, props.dossier.code, { action: 'withdraw', version: props.dossier.version, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setOpen(false);
    props.onDone();
  });
  return (
    <div class="actions no-print">
      <Button kind="danger" onClick={() => setOpen(true)}>{t(TEXT.withdraw)}</Button>
      <Dialog open={open} title={t(TEXT.withdrawConfirm)} onClose={() => setOpen(false)}>
        <div class="stack">
          <TextArea label={t(TEXT.reason)} name="reason" maxLength={2000} value={reason} onValue={setReason} />
          <ErrorAlert error={send.error} />
          <div class="actions">
            <Button onClick={() => setOpen(false)}>{t(COMMON_TEXT.cancel)}</Button>
            <Button kind="danger" busy={send.busy} onClick={send.run}>{t(TEXT.withdraw)}</Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}

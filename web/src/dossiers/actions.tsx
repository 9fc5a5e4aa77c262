// The actions the server allows this user on this dossier now (GET /dossiers/{code} lists them in allowedActions:
// nothing here re-decides the state machine), each with its form and a confirmation before it is sent.
import { useState } from 'preact/hooks';
import { ApiError } from '../core/api';
import { formatDate, vietnamIso } from '../core/format';
import { FilePicker, allUploaded, type PickedFile } from '../core/files';
import { t } from '../core/i18n';
import { Alert, Button, COMMON_TEXT, ErrorAlert, SelectField, Spinner, TextArea, TextField, useDraft, useLoad, Invalid, useSubmit } from '../core/ui';
import { actOn, getProcedure, LEADS_TO, listUnits, type ActionFields, type ActionName, type Dossier } from './api';
import { ACTION_TEXT, fill, STATUS_TEXT, TEXT } from './text';

interface Draft {
  note: string; reason: string; missing: string; amount: string; receiptNo: string; toUnit: string; summary: string;
  newDueDay: string; newDueTime: string; requirementId: string;
}
const EMPTY: Draft = { note: '', reason: '', missing: '', amount: '', receiptNo: '', toUnit: '', summary: '', newDueDay: '', newDueTime: '17:00', requirementId: '' };

/** Actions whose reason the API requires (refuse, stop, extend) or takes (withdraw). */
const REASON_REQUIRED: ActionName[] = ['refuse', 'stop', 'extend'];

export function ActionPanel(props: { tenant: string; dossier: Dossier; reloading?: boolean; onDone: (after: Dossier, action: ActionName) => void; onConflict: (err: ApiError) => void }) {
  const [open, setOpen] = useState<ActionName | undefined>();
  const allowed = props.dossier.allowedActions;
  return (
    <section class="panel" aria-labelledby="dossier-actions">
      <h2 id="dossier-actions">{t(TEXT.actions)}</h2>
      {props.reloading ? <Spinner /> : allowed.length ? (
        <div class="actions" role="group" aria-label={t(TEXT.actions)}>
          {allowed.map((a) => (
            <Button key={a} kind={a === 'refuse' || a === 'stop' ? 'danger' : open === a ? 'primary' : 'secondary'} aria-expanded={open === a} onClick={() => setOpen(open === a ? undefined : a)}>
              {t(ACTION_TEXT[a])}
            </Button>
          ))}
        </div>
      ) : <p class="muted">{t(TEXT.noActions)}</p>}
      {open && allowed.includes(open) && !props.reloading ? (
        <ActionForm key={`${props.dossier.code}-${open}-${props.dossier.version}`} tenant={props.tenant} dossier={props.dossier} action={open}
          onCancel={() => setOpen(undefined)}
          onDone={(after) => { setOpen(undefined); props.onDone(after, open); }}
          onConflict={(err) => { setOpen(undefined); props.onConflict(err); }} />
      ) : null}
    </section>
  );
}

function ActionForm(props: { tenant: string; dossier: Dossier; action: ActionName; onCancel: () => void; onDone: (after: Dossier) => void; onConflict: (err: ApiError) => void }) {
  const { dossier, action } = props;
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`dossier.${dossier.code}.${action}`, EMPTY);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const units = useLoad(() => (action === 'forward' ? listUnits(props.tenant).then((p) => p.items) : Promise.resolve([])), [action, props.tenant]);
  const procedure = useLoad(() => (action === 'supplement' ? getProcedure(props.tenant, dossier.procedure.code) : Promise.resolve(undefined)), [action, dossier.procedure.code]);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const leadsTo = LEADS_TO[action];
  const nextLabel = leadsTo === undefined ? t({ vi: dossier.status.label, en: dossier.status.labelEn }) : t(STATUS_TEXT[leadsTo]!);
  const needsFile = action === 'decide' || action === 'supplement';

  /** The body beside action and version, or the problems to show next to the fields. */
  function body(): { fields?: ActionFields; problems: Record<string, string> } {
    const p: Record<string, string> = {};
    const required = t(COMMON_TEXT.requiredMissing);
    const fields: ActionFields = draft.note.trim() ? { note: draft.note.trim() } : {};
    if (REASON_REQUIRED.includes(action) || action === 'withdraw') {
      if (draft.reason.trim()) fields.reason = draft.reason.trim();
      else if (action !== 'withdraw') p.reason = required;
    }
    if (action === 'request-supplement') {
      const missing = draft.missing.split('\n').map((s) => s.trim()).filter(Boolean);
      if (missing.length) fields.missing = missing;
      else p.missing = required;
    }
    if (action === 'request-payment') {
      const amount = Number(draft.amount.replace(/[.\s,]/g, ''));
      if (Number.isInteger(amount) && amount > 0) fields.amount = amount;
      else p.amount = required;
    }
    if (action === 'confirm-payment' && draft.receiptNo.trim()) fields.receiptNo = draft.receiptNo.trim();
    if (action === 'forward') {
      if (draft.toUnit) fields.toUnit = draft.toUnit;
      else p.toUnit = required;
    }
    if (needsFile && (!files.length || !allUploaded(files))) p.file = t(TEXT.fileMissing);
    if (action === 'decide') {
      if (files[0]?.uploadId) fields.resultUploadId = files[0].uploadId;
      if (draft.summary.trim()) fields.summary = draft.summary.trim();
    }
    if (action === 'supplement') {
      if (!draft.requirementId) p.requirementId = required;
      else if (files.length && allUploaded(files)) fields.documents = files.map((f) => ({ requirementId: draft.requirementId, uploadId: f.uploadId! }));
    }
    if (action === 'extend') {
      if (draft.newDueDay) fields.newDueAt = vietnamIso(draft.newDueDay, draft.newDueTime || '17:00');
      else p.newDueAt = required;
    }
    return Object.keys(p).length ? { problems: p } : { fields, problems: p };
  }

  const submit = useSubmit(async () => {
    const { fields, problems: local } = body();
    if (!fields) throw new Invalid(local);
    let after: Dossier;
    try {
      after = await actOn(props.tenant, dossier.code, action, dossier.version, fields);
    } catch (err) {
      // Someone else acted first (VERSION_CONFLICT), or the status moved (INVALID_TRANSITION): the page reloads.
      if (err instanceof ApiError && err.status === 409) { props.onConflict(err); return; }
      throw err;
    }
    clearDraft();
    props.onDone(after);
  });
  const { error, errors } = submit;
  // The API names the first missing line missing.0; the decision's file is the picker's field.
  const problems: Record<string, string | undefined> = { ...errors, missing: errors.missing ?? errors['missing.0'], file: errors.file ?? errors.resultUploadId };

  const actionName = t(ACTION_TEXT[action]);
  return (
    <form class="stack" onSubmit={submit.run} aria-label={actionName} noValidate>
      <h3>{actionName}</h3>
      {action === 'request-supplement' ? (
        <TextArea label={t(TEXT.missingField)} hint={t(TEXT.missingHint)} required rows={3} value={draft.missing} onValue={set('missing')} error={problems.missing} />
      ) : null}
      {REASON_REQUIRED.includes(action) || action === 'withdraw' ? (
        <TextArea label={t(action === 'withdraw' ? TEXT.reasonOptional : TEXT.reason)} required={action !== 'withdraw'} rows={3} value={draft.reason} onValue={set('reason')} error={problems.reason} />
      ) : null}
      {action === 'request-payment' ? (
        <TextField label={t(TEXT.amount)} required inputMode="numeric" value={draft.amount} onValue={set('amount')} error={problems.amount} />
      ) : null}
      {action === 'confirm-payment' ? <TextField label={t(TEXT.receiptNo)} value={draft.receiptNo} onValue={set('receiptNo')} error={problems.receiptNo} /> : null}
      {action === 'forward' ? (
        <SelectField label={t(TEXT.toUnit)} required value={draft.toUnit} onValue={set('toUnit')} placeholder={t(TEXT.chooseUnit)} error={problems.toUnit}
          options={(units.data ?? []).filter((u) => u.code !== dossier.currentUnit).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))} />
      ) : null}
      {action === 'supplement' ? (
        <SelectField label={t(TEXT.requirement)} required value={draft.requirementId} onValue={set('requirementId')} placeholder={t(TEXT.chooseRequirement)} error={problems.requirementId}
          options={(procedure.data?.documents ?? []).map((r) => ({ value: r.id, label: r.name }))} />
      ) : null}
      {needsFile ? (
        <FilePicker tenant={props.tenant} label={t(action === 'decide' ? TEXT.resultFile : TEXT.supplementFile)} files={files} onChange={setFiles} multiple={false} error={problems.file} />
      ) : null}
      {action === 'decide' ? <TextArea label={t(TEXT.resultSummary)} rows={2} value={draft.summary} onValue={set('summary')} error={problems.summary} /> : null}
      {action === 'extend' ? (
        <div class="row">
          <TextField label={t(TEXT.newDueDay)} required type="date" min={dossier.dueAt?.slice(0, 10)} value={draft.newDueDay} onValue={set('newDueDay')} error={problems.newDueAt}
            hint={dossier.dueAt ? `${t(TEXT.dueAt)}: ${formatDate(dossier.dueAt)}` : undefined} />
          <TextField label={t(TEXT.newDueTime)} type="time" value={draft.newDueTime} onValue={set('newDueTime')} />
        </div>
      ) : null}
      <TextArea label={t(TEXT.note)} rows={2} value={draft.note} onValue={set('note')} error={problems.note} />
      <Alert kind="info">
        {fill(t(TEXT.confirmLead), { action: actionName, code: dossier.code })} {fill(t(TEXT.willBecome), { status: nextLabel })}
      </Alert>
      <ErrorAlert error={error} />
      <div class="actions">
        <Button kind="primary" type="submit" busy={submit.busy}>{t(TEXT.confirm)}</Button>
        <Button onClick={props.onCancel}>{t(COMMON_TEXT.cancel)}</Button>
      </div>
    </form>
  );
}

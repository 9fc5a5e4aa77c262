// Compose a draft (soạn dự thảo) or edit one: type, summary, drafting unit, signer, recipients in the province or
// elsewhere (by agency code), the draft PDF and annexes. What is typed survives a reload or a lost connection.
import { useState } from 'preact/hooks';
import { ApiError } from '../core/api';
import { session } from '../core/auth';
import { allUploaded, FilePicker, type PickedFile } from '../core/files';
import { t } from '../core/i18n';
import { href, navigate } from '../core/router';
import { useStore } from '../core/store';
import { Alert, Button, Checkbox, COMMON_TEXT, ErrorAlert, Loading, Page, SelectField, TextArea, TextField, useDraft, useLoad, Invalid, useSubmit } from '../core/ui';
import { actingUnits, defaultUnit, documentsApi, newKey, type DraftInput, type OutgoingDocument, type Recipient, type Unit } from './api';
import { useUnits } from './common';
import { AUTHORITIES, CONFIDENTIALITY, DOCUMENT_TYPES, TEXT, URGENCY } from './text';

interface Form {
  type: string; subject: string; draftingUnit: string; urgency: string; confidentiality: string;
  signerName: string; signerPosition: string; authority: string; onBehalfOf: string; replyBy: string;
  /** Units of the province chosen as recipients. */
  local: string[];
  /** Agency codes typed for recipients elsewhere. */
  other: string;
  main: PickedFile[]; annexes: PickedFile[];
}

const EMPTY: Form = {
  type: 'cong-van', subject: '', draftingUnit: '', urgency: 'thuong', confidentiality: 'thuong',
  signerName: '', signerPosition: '', authority: '', onBehalfOf: '', replyBy: '', local: [], other: '', main: [], annexes: [],
};

const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

function formOf(doc: OutgoingDocument, units: Unit[]): Form {
  const known = new Set(units.map((u) => u.code));
  return {
    ...EMPTY, type: doc.type, subject: doc.subject, draftingUnit: doc.draftingUnit.code, urgency: doc.urgency, confidentiality: doc.confidentiality,
    signerName: doc.signer.name, signerPosition: doc.signer.position, authority: doc.signer.authority ?? '', onBehalfOf: doc.signer.onBehalfOf ?? '',
    replyBy: doc.replyBy ?? '', local: doc.recipients.filter((r) => known.has(r.agency)).map((r) => r.agency),
    other: doc.recipients.filter((r) => !known.has(r.agency)).map((r) => r.agency).join('\n'),
  };
}

export function Compose(props: { tenant: string; id?: string }) {
  const units = useUnits(props.tenant);
  const api = documentsApi(props.tenant);
  const doc = useLoad(() => (props.id ? api.document(props.id) : Promise.resolve(undefined)), [props.tenant, props.id]);
  const title = t(props.id ? TEXT.editTitle : TEXT.composeTitle);
  return (
    <Page title={title}>
      <Loading state={units}>
        {(list) => props.id
          ? <Loading state={doc}>{(d) => (d ? <ComposeForm tenant={props.tenant} units={list} doc={d} /> : null)}</Loading>
          : <ComposeForm tenant={props.tenant} units={list} />}
      </Loading>
    </Page>
  );
}

function ComposeForm(props: { tenant: string; units: Unit[]; doc?: OutgoingDocument }) {
  const user = useStore(session);
  const api = documentsApi(props.tenant);
  const drafting = actingUnits(user, props.units);
  const [form, setForm, clear] = useDraft<Form>(`documents.${props.tenant}.${props.doc?.id ?? 'new'}`, props.doc ? formOf(props.doc, props.units) : { ...EMPTY, draftingUnit: defaultUnit(user, props.units) });
  const [key, setKey] = useState(newKey);
  const set = <K extends keyof Form>(field: K, value: Form[K]) => setForm((f) => ({ ...f, [field]: value }));

  const toggle = (code: string, on: boolean) => setForm((f) => ({ ...f, local: on ? [...f.local, code] : f.local.filter((c) => c !== code) }));

  const submit = useSubmit(async () => {
    const others = form.other.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
    const bad = others.filter((c) => !AGENCY_CODE.test(c));
    const problems: Record<string, string> = {};
    const missing = t(COMMON_TEXT.requiredMissing);
    if (!form.subject.trim()) problems.subject = missing;
    if (!form.signerName.trim()) problems['signer.name'] = missing;
    if (!form.signerPosition.trim()) problems['signer.position'] = missing;
    if (bad.length) problems.recipients = `${t(TEXT.badAgency)} ${bad.join(', ')}`;
    const recipients: Recipient[] = [...new Set([...form.local, ...others])].map((agency) => ({ agency, copy: 'main' }));
    if (!recipients.length) problems.recipients = t(TEXT.noRecipients);
    const mainId = form.main[0]?.uploadId;
    if (!props.doc && !mainId) problems.mainUploadId = t(TEXT.needMain);
    if (!allUploaded(form.main) || !allUploaded(form.annexes)) problems.annexUploadIds = t(TEXT.waitUploads);
    if (Object.keys(problems).length) throw new Invalid(problems);

    const input: DraftInput = {
      type: form.type, subject: form.subject.trim(), draftingUnit: form.draftingUnit, urgency: form.urgency, confidentiality: form.confidentiality,
      signer: {
        name: form.signerName.trim(), position: form.signerPosition.trim(),
        ...(form.authority ? { authority: form.authority } : {}), ...(form.authority === 'TM.' && form.onBehalfOf.trim() ? { onBehalfOf: form.onBehalfOf.trim() } : {}),
      },
      recipients, ...(form.replyBy ? { replyBy: form.replyBy } : {}),
      mainUploadId: mainId ?? '', annexUploadIds: form.annexes.map((f) => f.uploadId!).filter(Boolean),
    };
    try {
      let saved: OutgoingDocument;
      if (props.doc) {
        const { draftingUnit: _fixed, mainUploadId, annexUploadIds, ...rest } = input;
        saved = await api.update(props.doc.id, {
          ...rest, version: props.doc.version, ...(mainUploadId ? { mainUploadId } : {}), ...(annexUploadIds.length ? { annexUploadIds } : {}),
        });
      } else {
        saved = await api.create(input, key);
      }
      clear();
      navigate(href(props.tenant, 'console', 'documents', saved.id));
    } catch (err) {
      // A refused request created nothing: the corrected form is a new intent. A lost connection retries the same.
      if (!(err instanceof ApiError && err.code === 'NETWORK')) setKey(newKey());
      throw err;
    }
  });
  const { error, errors } = submit;

  const recipientUnits = props.units.filter((u) => u.active);
  return (
    <form onSubmit={submit.run} noValidate class="stack" style={{ maxWidth: '48rem' }}>
      {Object.keys(errors).length ? <Alert kind="error">{t(TEXT.checkFields)}</Alert> : null}
      {Object.keys(errors).length ? null : <ErrorAlert error={error} />}
      <div class="panel">
        <SelectField label={t(TEXT.type)} required value={form.type} onValue={(v) => set('type', v)} error={errors.type}
          options={DOCUMENT_TYPES.map((d) => ({ value: d.id, label: t(d.text) }))} />
        <TextArea label={t(TEXT.subject)} required rows={3} maxLength={1000} value={form.subject} onValue={(v) => set('subject', v)} error={errors.subject} />
        {props.doc ? null : (
          <SelectField label={t(TEXT.draftingUnit)} required hint={t(TEXT.draftingHint)} value={form.draftingUnit} onValue={(v) => set('draftingUnit', v)} error={errors.draftingUnit}
            options={drafting.map((u) => ({ value: u.code, label: u.name }))} />
        )}
        <div class="row">
          <SelectField label={t(TEXT.urgency)} value={form.urgency} onValue={(v) => set('urgency', v)} error={errors.urgency}
            options={Object.entries(URGENCY).map(([id, text]) => ({ value: id, label: t(text) }))} />
          <SelectField label={t(TEXT.confidentiality)} value={form.confidentiality} onValue={(v) => set('confidentiality', v)} error={errors.confidentiality}
            options={Object.entries(CONFIDENTIALITY).map(([id, text]) => ({ value: id, label: t(text) }))} />
          <TextField label={t(TEXT.replyBy)} type="date" value={form.replyBy} onValue={(v) => set('replyBy', v)} error={errors.replyBy} />
        </div>
      </div>
      <div class="panel">
        <div class="row">
          <TextField label={t(TEXT.signerName)} required maxLength={200} value={form.signerName} onValue={(v) => set('signerName', v)} error={errors['signer.name']} />
          <TextField label={t(TEXT.signerPosition)} required maxLength={200} value={form.signerPosition} onValue={(v) => set('signerPosition', v)} error={errors['signer.position']} />
        </div>
        <div class="row">
          <SelectField label={t(TEXT.authority)} value={form.authority} onValue={(v) => set('authority', v)} placeholder={t(TEXT.authorityNone)}
            options={AUTHORITIES.map((a) => ({ value: a.id, label: t(a.text) }))} error={errors['signer.authority']} />
          {form.authority === 'TM.' ? <TextField label={t(TEXT.onBehalfOf)} maxLength={200} value={form.onBehalfOf} onValue={(v) => set('onBehalfOf', v)} error={errors['signer.onBehalfOf']} /> : null}
        </div>
      </div>
      <fieldset class="panel">
        <legend>{t(TEXT.recipients)}</legend>
        <p class="hint muted">{t(TEXT.recipientsHint)}</p>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))', columnGap: '1rem' }}>
          {recipientUnits.map((u) => <Checkbox key={u.code} label={u.name} checked={form.local.includes(u.code)} onChecked={(on) => toggle(u.code, on)} />)}
        </div>
        <TextArea label={t(TEXT.otherAgencies)} hint={t(TEXT.otherAgenciesHint)} rows={2} value={form.other} onValue={(v) => set('other', v)}
          error={errors.recipients ?? Object.entries(errors).find(([k]) => k.startsWith('recipients'))?.[1]} />
      </fieldset>
      <div class="panel">
        <FilePicker tenant={props.tenant} label={t(TEXT.mainFile)} hint={`${t(TEXT.mainFileHint)}${props.doc ? ` ${t(TEXT.mainFileKept)}` : ''}`} multiple={false}
          files={form.main} onChange={(update) => setForm((f) => ({ ...f, main: update(f.main) }))} error={errors.mainUploadId} />
        <FilePicker tenant={props.tenant} label={t(TEXT.annexes)} files={form.annexes} onChange={(update) => setForm((f) => ({ ...f, annexes: update(f.annexes) }))}
          error={errors.annexUploadIds} />
      </div>
      <div class="actions">
        <Button kind="primary" type="submit" busy={submit.busy}>{t(TEXT.saveDraft)}</Button>
        <a class="btn btn-secondary" href={props.doc ? href(props.tenant, 'console', 'documents', props.doc.id) : href(props.tenant, 'console', 'documents')}>{t(COMMON_TEXT.cancel)}</a>
      </div>
    </form>
  );
}

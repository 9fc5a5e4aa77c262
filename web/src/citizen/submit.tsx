// Applying online: the procedure's form (the applicant and the declaration), then one upload per document the
// procedure lists, then a review, then the submission. Everything typed lives in a draft (sessionStorage): a lost
// connection, a reload or signing in again keeps it. Checks run here first, in Vietnamese, so the citizen is not
// sent back by the API for a missing field; whatever the API still refuses is shown next to its field.
import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { fieldErrors, newKey } from '../core/api';
import { session } from '../core/auth';
import { FilePicker, type PickedFile } from '../core/files';
import { formatDate } from '../core/format';
import { t } from '../core/i18n';
import { href, navigate } from '../core/router';
import { useStore } from '../core/store';
import { COMMON_TEXT, Button, ErrorAlert, Loading, Page, SelectField, TextField, useDraft, useLoad, Invalid, useSubmit } from '../core/ui';
import { getProcedure, submitDossier, type Applicant, type FormField, type Procedure } from './api';
import { TEXT } from './text';

type Step = 1 | 2 | 3;
interface Draft {
  step: Step;
  /** The Idempotency-Key of this submission: kept across retries, renewed when the content changes. */
  key: string;
  applicant: Applicant & { email: string };
  form: Record<string, string>;
  files: Record<string, PickedFile[]>;
}

const CCCD = /^\d{12}$/;
const PHONE = /^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const cleanPhone = (p: string) => p.replace(/[\s.-]/g, '');

/** The problem with one value, or undefined. */
function problem(type: FormField['type'] | 'name' | 'address' | 'email', value: string, required: boolean): string | undefined {
  const v = value.trim();
  if (!v) return required ? t(COMMON_TEXT.requiredMissing) : undefined;
  switch (type) {
    case 'cccd': return CCCD.test(v) ? undefined : t(TEXT.badCccd);
    case 'phone': return PHONE.test(cleanPhone(v)) ? undefined : t(TEXT.badPhone);
    case 'date': return DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? undefined : t(TEXT.badDate);
    case 'number': return Number.isFinite(Number(v.replace(',', '.'))) ? undefined : t(TEXT.badNumber);
    case 'name': return v.length >= 2 ? undefined : t(TEXT.tooShort);
    case 'address': return v.length >= 5 ? undefined : t(TEXT.tooShort);
    case 'email': return EMAIL.test(v) ? undefined : t(TEXT.badEmail);
    default: return undefined;
  }
}

/** The procedure's own bounds: a number's min and max, a text's length. */
function limits(f: FormField, value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (f.type === 'number') {
    const n = Number(v.replace(',', '.'));
    if (f.min !== undefined && n < f.min) return `${t(TEXT.atLeast)} ${f.min.toLocaleString('vi-VN')}`;
    if (f.max !== undefined && n > f.max) return `${t(TEXT.atMost)} ${f.max.toLocaleString('vi-VN')}`;
  }
  if (f.type === 'text' && f.maxLength !== undefined && v.length > f.maxLength) return `${t(TEXT.tooLong)} ${f.maxLength}`;
  return undefined;
}

function checkInfo(p: Procedure, d: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (key: string, message: string | undefined) => { if (message) out[key] = message; };
  add('applicant.fullName', problem('name', d.applicant.fullName, true));
  add('applicant.idNumber', problem('cccd', d.applicant.idNumber, true));
  add('applicant.phone', problem('phone', d.applicant.phone, true));
  add('applicant.email', problem('email', d.applicant.email, false));
  add('applicant.address', problem('address', d.applicant.address, true));
  for (const f of p.form) add(`form.${f.id}`, problem(f.type, d.form[f.id] ?? '', f.required) ?? limits(f, d.form[f.id] ?? ''));
  return out;
}

function checkFiles(p: Procedure, d: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of p.documents) {
    const files = d.files[r.id] ?? [];
    if (files.some((f) => !f.uploadId)) out[`documents.${r.id}`] = files.some((f) => !(f.file instanceof File) && !f.uploadId) ? t(TEXT.chooseAgain) : t(TEXT.waitUploads);
    else if (r.required && files.length === 0) out[`documents.${r.id}`] = t(TEXT.missingFile);
  }
  return out;
}

function formValue(field: FormField, value: string): unknown {
  return field.type === 'number' ? Number(value.replace(',', '.')) : field.type === 'phone' ? cleanPhone(value) : value.trim();
}

export function SubmitPage(props: { tenant: string; code: string }) {
  const state = useLoad(() => getProcedure(props.tenant, props.code), [props.tenant, props.code]);
  return <Loading state={state}>{(p) => <Wizard tenant={props.tenant} procedure={p} />}</Loading>;
}

function Wizard({ tenant, procedure: p }: { tenant: string; procedure: Procedure }) {
  const user = useStore(session);
  const [draft, setDraft, clear] = useDraft<Draft>(`submit.${tenant}.${p.code}`, {
    // The account's name when it has one (without a name claim the session's name is the email).
    step: 1, key: newKey(), applicant: { fullName: user && user.name !== user.email ? user.name : '', idNumber: '', phone: '', email: user?.email ?? '', address: '' }, form: {}, files: {},
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [draft.step]);

  /** A change of content is a new intent: a new Idempotency-Key. */
  const edit = (change: (d: Draft) => Draft) => setDraft((d) => ({ ...change(d), key: newKey() }));
  const setApplicant = (name: keyof Draft['applicant']) => (value: string) => edit((d) => ({ ...d, applicant: { ...d.applicant, [name]: value } }));
  const setForm = (id: string) => (value: string) => edit((d) => ({ ...d, form: { ...d.form, [id]: value } }));

  const send = useSubmit(async () => {
    const body = {
      procedureCode: p.code,
      applicant: {
        fullName: draft.applicant.fullName.trim(), idNumber: draft.applicant.idNumber.trim(), phone: cleanPhone(draft.applicant.phone),
        address: draft.applicant.address.trim(), ...(draft.applicant.email.trim() ? { email: draft.applicant.email.trim() } : {}),
      },
      form: Object.fromEntries(p.form.filter((f) => (draft.form[f.id] ?? '').trim()).map((f) => [f.id, formValue(f, draft.form[f.id]!)])),
      documents: p.documents.flatMap((r) => (draft.files[r.id] ?? []).filter((f) => f.uploadId).map((f) => ({ requirementId: r.id, uploadId: f.uploadId! }))),
    };
    const dossier = await submitDossier(tenant, body, draft.key).catch((err: unknown) => {
      // Back to the step holding the fields the API refused.
      const keys = Object.keys(fieldErrors(err));
      if (keys.some((k) => k.startsWith('applicant') || k.startsWith('form'))) setDraft((d) => ({ ...d, step: 1 }));
      else if (keys.some((k) => k.startsWith('documents'))) setDraft((d) => ({ ...d, step: 2 }));
      throw err;
    });
    clear();
    navigate(href(tenant, 'receipt', dossier.code));
  });
  // The steps' own checks mark their fields through the same state as the API's refusals (one alert, one set of marks).
  const { error, errors } = send;
  const go = (step: Step) => { send.setError(undefined); setDraft((d) => ({ ...d, step })); };

  const next = (e: Event) => {
    e.preventDefault();
    const found = draft.step === 1 ? checkInfo(p, draft) : checkFiles(p, draft);
    if (Object.keys(found).length) {
      send.setError(new Invalid(found, TEXT.fixErrors));
      // The first wrong field gets the focus, so a keyboard or screen-reader user lands on it.
      requestAnimationFrame(() => (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    go(draft.step === 1 ? 2 : 3);
  };

  const stepTitles = [TEXT.stepInfo, TEXT.stepFiles, TEXT.stepReview];
  const a = draft.applicant;
  return (
    <Page title={p.name} lead={t(TEXT.submitTitle)}>
      <ol class="row" style={{ listStyle: 'none', padding: 0, gap: '1rem', flexWrap: 'wrap' }} aria-label={t(TEXT.submitTitle)}>
        {stepTitles.map((s, i) => (
          <li key={i} aria-current={draft.step === i + 1 ? 'step' : undefined} style={{ fontWeight: draft.step === i + 1 ? 700 : 400 }}>{i + 1}. {t(s)}</li>
        ))}
      </ol>
      <h2 ref={heading} tabIndex={-1}>{t(TEXT.stepOf)} {draft.step}/3: {t(stepTitles[draft.step - 1]!)}</h2>
      <ErrorAlert error={error} />

      {draft.step === 1 ? (
        <form class="stack" onSubmit={next} noValidate>
          <fieldset class="stack">
            <legend>{t(TEXT.applicantTitle)}</legend>
            <TextField label={t(TEXT.fullName)} name="fullName" autoComplete="name" required value={a.fullName} error={errors['applicant.fullName']} onValue={setApplicant('fullName')} />
            <TextField label={t(TEXT.idNumber)} name="idNumber" inputMode="numeric" maxLength={12} required value={a.idNumber} error={errors['applicant.idNumber']} onValue={setApplicant('idNumber')} />
            <TextField label={t(TEXT.phone)} name="phone" type="tel" autoComplete="tel" required value={a.phone} error={errors['applicant.phone']} onValue={setApplicant('phone')} />
            <TextField label={t(TEXT.email)} name="email" type="email" autoComplete="email" value={a.email} error={errors['applicant.email']} onValue={setApplicant('email')} />
            <TextField label={t(TEXT.address)} name="address" autoComplete="street-address" required value={a.address} error={errors['applicant.address']} onValue={setApplicant('address')} />
          </fieldset>
          {p.form.length ? (
            <fieldset class="stack">
              <legend>{t(TEXT.formTitle)}</legend>
              {p.form.map((f) => <FormInput key={f.id} field={f} value={draft.form[f.id] ?? ''} error={errors[`form.${f.id}`]} onValue={setForm(f.id)} />)}
            </fieldset>
          ) : null}
          <p class="muted">{t(TEXT.draftKept)}</p>
          <div class="actions"><Button kind="primary" type="submit">{t(COMMON_TEXT.next)}</Button></div>
        </form>
      ) : null}

      {draft.step === 2 ? (
        <form class="stack" onSubmit={next} noValidate>
          {p.documents.map((r) => (
            <FilePicker key={r.id} tenant={tenant} multiple={false}
              label={`${r.name}${r.required ? ` (${t(TEXT.required)})` : ''}`}
              files={draft.files[r.id] ?? []} error={errors[`documents.${r.id}`]}
              onChange={(update) => edit((d) => ({ ...d, files: { ...d.files, [r.id]: update(d.files[r.id] ?? []) } }))} />
          ))}
          <div class="actions">
            <Button onClick={() => go(1)}>{t(COMMON_TEXT.back)}</Button>
            <Button kind="primary" type="submit">{t(COMMON_TEXT.next)}</Button>
          </div>
        </form>
      ) : null}

      {draft.step === 3 ? (
        <div class="stack">
          <p>{t(TEXT.reviewLead)}</p>
          <section class="panel" aria-labelledby="review-applicant">
            <h3 id="review-applicant">{t(TEXT.applicantTitle)}</h3>
            <dl class="facts">
              <dt>{t(TEXT.fullName)}</dt><dd>{a.fullName}</dd>
              <dt>{t(TEXT.idNumber)}</dt><dd>{a.idNumber}</dd>
              <dt>{t(TEXT.phone)}</dt><dd>{a.phone}</dd>
              {a.email ? <><dt>{t(TEXT.email)}</dt><dd>{a.email}</dd></> : null}
              <dt>{t(TEXT.address)}</dt><dd>{a.address}</dd>
            </dl>
            <Button kind="link" onClick={() => go(1)}>{t(TEXT.edit)}</Button>
          </section>
          {p.form.length ? (
            <section class="panel" aria-labelledby="review-form">
              <h3 id="review-form">{t(TEXT.formTitle)}</h3>
              <dl class="facts">{p.form.map((f) => <Fragment key={f.id}><dt>{f.label}</dt><dd>{f.type === 'date' && draft.form[f.id] ? formatDate(`${draft.form[f.id]}T12:00:00+07:00`) : draft.form[f.id] || '—'}</dd></Fragment>)}</dl>
            </section>
          ) : null}
          <section class="panel" aria-labelledby="review-files">
            <h3 id="review-files">{t(TEXT.documentsTitle)}</h3>
            <dl class="facts">
              {p.documents.map((r) => <Fragment key={r.id}><dt>{r.name}</dt><dd>{(draft.files[r.id] ?? []).map((f) => f.name).join(', ') || t(TEXT.noFile)}</dd></Fragment>)}
            </dl>
            <Button kind="link" onClick={() => go(2)}>{t(TEXT.edit)}</Button>
          </section>
          <div class="actions">
            <Button onClick={() => go(2)}>{t(COMMON_TEXT.back)}</Button>
            <Button kind="primary" busy={send.busy} onClick={send.run}>{t(TEXT.submit)}</Button>
          </div>
        </div>
      ) : null}
    </Page>
  );
}

function FormInput(props: { field: FormField; value: string; error?: string; onValue: (value: string) => void }) {
  const f = props.field;
  if (f.type === 'select') {
    return <SelectField label={f.label} name={f.id} required={f.required} value={props.value} error={props.error} onValue={props.onValue}
      placeholder={t(TEXT.choose)} options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
  }
  const type = f.type === 'date' ? 'date' : f.type === 'phone' ? 'tel' : 'text';
  const inputMode = f.type === 'number' ? 'decimal' : f.type === 'cccd' ? 'numeric' : undefined;
  return <TextField label={f.label} name={f.id} type={type} inputMode={inputMode} required={f.required} maxLength={f.type === 'cccd' ? 12 : f.maxLength}
    value={props.value} error={props.error} onValue={props.onValue} />;
}

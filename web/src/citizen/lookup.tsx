// Anyone may follow a dossier with its code and the phone given at submission, without an account.
import { formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { COMMON_TEXT, Badge, Button, ErrorAlert, Page, TextField, useDraft, Invalid, useSubmit } from '../core/ui';
import { lookup } from './api';
import { statusTone, TEXT } from './text';

const CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;
const PHONE = /^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/;

export function LookupPage(props: { tenant: string }) {
  const [query, setQuery] = useDraft(`lookup.${props.tenant}`, { code: '', phone: '' });
  const submit = useSubmit(async () => {
    const code = query.code.trim().toUpperCase();
    const phone = query.phone.replace(/[\s.-]/g, '');
    const bad: Record<string, string> = {};
    if (!CODE.test(code)) bad.code = t(code ? TEXT.badCode : COMMON_TEXT.requiredMissing);
    if (!PHONE.test(phone)) bad.phone = t(phone ? TEXT.badPhone : COMMON_TEXT.requiredMissing);
    if (Object.keys(bad).length) throw new Invalid(bad);
    return lookup(props.tenant, code, phone);
  });
  const { error, errors, result: found } = submit;

  return (
    <Page title={t(TEXT.lookupTitle)} lead={t(TEXT.lookupLead)}>
      <div class="narrow stack">
        <form class="stack" onSubmit={submit.run} noValidate>
          <TextField label={t(TEXT.dossierCode)} name="code" autoCapitalize="characters" required value={query.code} error={errors.code} onValue={(code) => setQuery((q) => ({ ...q, code }))} />
          <TextField label={t(TEXT.phone)} name="phone" type="tel" autoComplete="tel" required value={query.phone} error={errors.phone} onValue={(phone) => setQuery((q) => ({ ...q, phone }))} />
          <Button kind="primary" type="submit" busy={submit.busy}>{t(TEXT.lookupSubmit)}</Button>
        </form>
        <ErrorAlert error={error} />
        {found ? (
          <section class="panel" aria-live="polite" aria-labelledby="lookup-result">
            <h2 id="lookup-result">{found.code}</h2>
            <dl class="facts">
              <dt>{t(TEXT.procedure)}</dt><dd>{found.procedure.name}</dd>
              <dt>{t(TEXT.status)}</dt><dd><Badge tone={statusTone(found.status.code)}>{t({ vi: found.status.label, en: found.status.labelEn })}</Badge></dd>
              <dt>{t(TEXT.submittedAt)}</dt><dd>{formatDateTime(found.submittedAt)}</dd>
              {found.acceptedAt ? <><dt>{t(TEXT.acceptedAt)}</dt><dd>{formatDateTime(found.acceptedAt)}</dd></> : null}
              {found.dueAt ? <><dt>{t(TEXT.dueAt)}</dt><dd>{formatDateTime(found.dueAt)}</dd></> : null}
              {found.finishedAt ? <><dt>{t(TEXT.finishedAt)}</dt><dd>{formatDateTime(found.finishedAt)}</dd></> : null}
            </dl>
          </section>
        ) : null}
      </div>
    </Page>
  );
}

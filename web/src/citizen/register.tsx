// A citizen registers with the province's user pool (Cognito SignUp), then types the code sent by email
// (ConfirmSignUp); a new code can be asked for. The code step is its own state so a reload keeps the email.
import { useState } from 'preact/hooks';
import { AuthError, confirmSignUp, resendCode, signUp, type TenantConfig } from '../core/auth';
import { t, type Text } from '../core/i18n';
import { href } from '../core/router';
import { COMMON_TEXT, Alert, Button, Page, TextField, useDraft } from '../core/ui';
import { TEXT } from './text';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STRONG = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,}$/;

const authText = (err: unknown): Text => (err instanceof AuthError ? err.text : COMMON_TEXT.unexpected);

export function RegisterPage(props: { config: TenantConfig }) {
  const [draft, setDraft, clear] = useDraft(`register.${props.config.id}`, { name: '', email: '', step: 'details' as 'details' | 'code' });
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<Text>();
  const [notice, setNotice] = useState<Text>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const register = async (e: Event) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (draft.name.trim().length < 2) found.name = t(COMMON_TEXT.requiredMissing);
    if (!EMAIL.test(draft.email.trim())) found.email = t(draft.email.trim() ? TEXT.badEmail : COMMON_TEXT.requiredMissing);
    if (!STRONG.test(password)) found.password = t(TEXT.weakPassword);
    setErrors(found);
    setError(undefined);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await signUp(props.config, { email: draft.email, password, name: draft.name });
      setDraft((d) => ({ ...d, step: 'code' }));
    } catch (err) {
      setError(authText(err));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setNotice(undefined);
    if (!code.trim()) {
      setErrors({ code: t(COMMON_TEXT.requiredMissing) });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await confirmSignUp(props.config, draft.email, code);
      clear();
      setDone(true);
    } catch (err) {
      setError(authText(err));
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    setError(undefined);
    try {
      await resendCode(props.config, draft.email);
      setNotice(TEXT.resent);
    } catch (err) {
      setError(authText(err));
    }
  };

  const signInHref = `${href(props.config.id, 'sign-in')}?next=${encodeURIComponent(href(props.config.id, 'procedures'))}`;
  if (done) {
    return (
      <Page title={t(TEXT.registerTitle)}>
        <div class="narrow stack">
          <Alert kind="success">{t(TEXT.confirmed)}</Alert>
          <a class="btn btn-primary" href={signInHref}>{t(COMMON_TEXT.next)}</a>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t(draft.step === 'code' ? TEXT.codeTitle : TEXT.registerTitle)}>
      <div class="narrow">
        {error ? <Alert kind="error">{t(error)}</Alert> : null}
        {notice ? <Alert kind="success">{t(notice)}</Alert> : null}
        {draft.step === 'details' ? (
          <form class="stack" onSubmit={register} noValidate>
            <TextField label={t(TEXT.fullName)} name="name" autoComplete="name" required value={draft.name} error={errors.name} onValue={(name) => setDraft((d) => ({ ...d, name }))} />
            <TextField label={t(TEXT.email)} type="email" name="email" autoComplete="email" required value={draft.email} error={errors.email} onValue={(email) => setDraft((d) => ({ ...d, email }))} />
            <TextField label={t(TEXT.password)} type="password" name="password" autoComplete="new-password" required hint={t(TEXT.passwordHint)} value={password} error={errors.password} onValue={setPassword} />
            <Button kind="primary" type="submit" busy={busy}>{t(TEXT.registerSubmit)}</Button>
            <p><a href={signInHref}>{t(TEXT.haveAccount)}</a></p>
          </form>
        ) : (
          <form class="stack" onSubmit={confirm} noValidate>
            <p>{t(TEXT.codeLead)} <strong>{draft.email}</strong>.</p>
            <TextField label={t(TEXT.code)} name="code" inputMode="numeric" autoComplete="one-time-code" required value={code} error={errors.code} onValue={setCode} />
            <Button kind="primary" type="submit" busy={busy}>{t(TEXT.confirm)}</Button>
            <div class="actions">
              <Button kind="link" onClick={() => void resend()}>{t(TEXT.resend)}</Button>
              <Button kind="link" onClick={() => setDraft((d) => ({ ...d, step: 'details' }))}>{t(COMMON_TEXT.back)}</Button>
            </div>
          </form>
        )}
      </div>
    </Page>
  );
}

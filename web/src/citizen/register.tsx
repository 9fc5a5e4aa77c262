// A citizen registers with the province's user pool (Cognito SignUp), then types the code sent by email
// (ConfirmSignUp); a new code can be asked for. The code step is its own state so a reload keeps the email.
import { useState } from 'preact/hooks';
import { AuthError, confirmSignUp, resendCode, signUp, type TenantConfig } from '../core/auth';
import { t, type Text } from '../core/i18n';
import { href } from '../core/router';
import { COMMON_TEXT, Alert, Button, Page, TextField, useDraft, Invalid, useSubmit } from '../core/ui';
import { TEXT } from './text';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STRONG = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,}$/;

const authText = (err: unknown): Text => (err instanceof AuthError ? err.text : COMMON_TEXT.unexpected);

export function RegisterPage(props: { config: TenantConfig }) {
  const [draft, setDraft, clear] = useDraft(`register.${props.config.id}`, { name: '', email: '', step: 'details' as 'details' | 'code' });
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  // The three steps share one alert and run one at a time; what succeeded last says what to show.
  const account = useSubmit(async (step: 'register' | 'confirm' | 'resend') => {
    if (step === 'register') {
      const found: Record<string, string> = {};
      if (draft.name.trim().length < 2) found.name = t(COMMON_TEXT.requiredMissing);
      if (!EMAIL.test(draft.email.trim())) found.email = t(draft.email.trim() ? TEXT.badEmail : COMMON_TEXT.requiredMissing);
      if (!STRONG.test(password)) found.password = t(TEXT.weakPassword);
      if (Object.keys(found).length) throw new Invalid(found);
      await signUp(props.config, { email: draft.email, password, name: draft.name });
      setDraft((d) => ({ ...d, step: 'code' }));
    } else if (step === 'confirm') {
      if (!code.trim()) throw new Invalid({ code: t(COMMON_TEXT.requiredMissing) });
      await confirmSignUp(props.config, draft.email, code);
      clear();
    } else {
      await resendCode(props.config, draft.email);
    }
    return step;
  });
  const { errors } = account;
  const error = account.error === undefined ? undefined : authText(account.error);
  const notice = account.result === 'resend' ? TEXT.resent : undefined;
  const done = account.result === 'confirm';
  // Asking for a new code does not make the form busy (it is a link beside it).
  const busy = account.busy && account.running?.[0] !== 'resend';

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
          <form class="stack" onSubmit={(e) => void account.run(e, 'register')} noValidate>
            <TextField label={t(TEXT.fullName)} name="name" autoComplete="name" required value={draft.name} error={errors.name} onValue={(name) => setDraft((d) => ({ ...d, name }))} />
            <TextField label={t(TEXT.email)} type="email" name="email" autoComplete="email" required value={draft.email} error={errors.email} onValue={(email) => setDraft((d) => ({ ...d, email }))} />
            <TextField label={t(TEXT.password)} type="password" name="password" autoComplete="new-password" required hint={t(TEXT.passwordHint)} value={password} error={errors.password} onValue={setPassword} />
            <Button kind="primary" type="submit" busy={busy}>{t(TEXT.registerSubmit)}</Button>
            <p><a href={signInHref}>{t(TEXT.haveAccount)}</a></p>
          </form>
        ) : (
          <form class="stack" onSubmit={(e) => void account.run(e, 'confirm')} noValidate>
            <p>{t(TEXT.codeLead)} <strong>{draft.email}</strong>.</p>
            <TextField label={t(TEXT.code)} name="code" inputMode="numeric" autoComplete="one-time-code" required value={code} error={errors.code} onValue={setCode} />
            <Button kind="primary" type="submit" busy={busy}>{t(TEXT.confirm)}</Button>
            <div class="actions">
              <Button kind="link" onClick={() => void account.run('resend')}>{t(TEXT.resend)}</Button>
              <Button kind="link" onClick={() => setDraft((d) => ({ ...d, step: 'details' }))}>{t(COMMON_TEXT.back)}</Button>
            </div>
          </form>
        )}
      </div>
    </Page>
  );
}

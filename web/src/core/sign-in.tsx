// Signing in with the tenant's user pool: a page of its own, and the same form in a dialog when a session expires
// mid-work (the page under it keeps what the user typed).
import { useState } from 'preact/hooks';
import { AuthError, signIn, type Session, type TenantConfig } from './auth';
import { t, type Text } from './i18n';
import { Alert, Button, TextField, useSubmit } from './ui';

export const SIGN_IN_TEXT = {
  title: { vi: 'Đăng nhập', en: 'Sign in' },
  email: { vi: 'Email', en: 'Email' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  submit: { vi: 'Đăng nhập', en: 'Sign in' },
  noAccount: { vi: 'Chưa có tài khoản? Đăng ký', en: 'No account yet? Register' },
} satisfies Record<string, Text>;

export function SignInForm(props: { config: TenantConfig; onSignedIn: (session: Session) => void; initialEmail?: string }) {
  const [email, setEmail] = useState(props.initialEmail ?? '');
  const [password, setPassword] = useState('');
  const signing = useSubmit(async () => props.onSignedIn(await signIn(props.config, email, password)));
  const error: Text | undefined = signing.error === undefined ? undefined
    : signing.error instanceof AuthError ? signing.error.text : { vi: 'Không đăng nhập được.', en: 'Could not sign in.' };
  return (
    <form class="stack" onSubmit={signing.run} noValidate>
      {error ? <Alert kind="error">{t(error)}</Alert> : null}
      <TextField label={t(SIGN_IN_TEXT.email)} type="email" name="email" autoComplete="username" required value={email} onValue={setEmail} />
      <TextField label={t(SIGN_IN_TEXT.password)} type="password" name="password" autoComplete="current-password" required value={password} onValue={setPassword} />
      <Button kind="primary" type="submit" busy={signing.busy}>{t(SIGN_IN_TEXT.submit)}</Button>
    </form>
  );
}

// Changing an official's unit, roles, name or position, or disabling the account (the API keeps the user, it only
// stops their sign-in).
import { useState } from 'preact/hooks';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { Alert, Button, Checkbox, COMMON_TEXT, ErrorAlert, Loading, Page, SelectField, TextField, useLoad, useSubmit } from '../core/ui';
import { getUser, listUnits, updateUser, type StaffRole, type Unit, type User } from './api';
import { RolePicker } from './roles';
import { ADMIN_TEXT as T } from './text';
import { filled } from './units';

export function UserEditPage({ tenant, id }: { tenant: string; id: string }) {
  useLang();
  const state = useLoad(async () => ({ user: await getUser(tenant, id), units: await listUnits(tenant) }), [tenant, id]);
  return (
    <Page title={t(T.editUser)}>
      <p><a href={href(tenant, 'console', 'admin', 'users')}>← {t(T.users)}</a></p>
      <Loading state={state}>{({ user, units }) => <UserForm key={user.id} tenant={tenant} user={user} units={units} />}</Loading>
    </Page>
  );
}

function UserForm(props: { tenant: string; user: User; units: Unit[] }) {
  const [user, setUser] = useState(props.user);
  const [form, setForm] = useState({ name: user.name, unit: user.unit, position: user.position ?? '', phone: user.phone ?? '' });
  const [roles, setRoles] = useState(user.roles.filter((r): r is StaffRole => r !== 'citizen'));
  const [enabled, setEnabled] = useState(user.enabled);
  const save = useSubmit(async () => setUser(await updateUser(props.tenant, user.id, { version: user.version, ...filled(form), roles, enabled })));
  const { error, errors } = save;
  const set = (field: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  return (
    <form class="panel stack" onSubmit={save.run}>
      <p><strong>{t(T.email)}:</strong> {user.email}</p>
      {save.done ? <Alert kind="success">{t(T.saved)}</Alert> : null}
      {error && !Object.keys(errors).length ? <ErrorAlert error={error} /> : null}
      <TextField label={t(T.name)} required value={form.name} onValue={set('name')} error={errors.name} />
      <SelectField label={t(T.unit)} required value={form.unit} onValue={set('unit')} error={errors.unit}
        options={props.units.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))} />
      <RolePicker value={roles} onValue={setRoles} error={errors.roles} />
      <TextField label={t(T.position)} value={form.position} onValue={set('position')} error={errors.position} />
      <TextField label={t(T.phone)} type="tel" value={form.phone} onValue={set('phone')} error={errors.phone} />
      <Checkbox label={t(T.enabled)} checked={enabled} onChecked={setEnabled} />
      <div class="actions"><Button kind="primary" type="submit" busy={save.busy}>{t(COMMON_TEXT.save)}</Button></div>
    </form>
  );
}

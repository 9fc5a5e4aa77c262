// The province's officials: the list (by unit), and a form to add one in a unit with roles. The API makes the
// account and answers a temporary password once, which the page shows for the administrator to pass on.
import { useState } from 'preact/hooks';
import { newKey } from '../core/api';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { Alert, Badge, Button, ErrorAlert, Loading, Page, SelectField, TextField, useDraft, useLoad, Invalid, useSubmit } from '../core/ui';
import { createUser, listUnits, listUsers, type StaffRole } from './api';
import { RolePicker } from './roles';
import { tempPasswordOf, ADMIN_TEXT as T } from './text';
import { filled } from './units';

const EMPTY = { email: '', name: '', unit: '', position: '', phone: '', roles: [] as StaffRole[] };

export function UsersPage({ tenant }: { tenant: string }) {
  useLang();
  const [unitFilter, setUnitFilter] = useState('');
  const units = useLoad(() => listUnits(tenant), [tenant]);
  const users = useLoad(() => listUsers(tenant, unitFilter || undefined), [tenant, unitFilter]);
  const [draft, setDraft, clearDraft] = useDraft(`admin.user.${tenant}`, EMPTY);
  const [key, setKey] = useState(newKey);
  const create = useSubmit(async () => {
    const { roles, ...rest } = draft;
    if (!roles.length) throw new Invalid({ roles: t(T.pickRole) });
    const user = await createUser(tenant, { ...filled(rest), roles }, key);
    clearDraft(); setDraft(EMPTY); setKey(newKey());
    users.reload();
    return { email: user.email, password: user.temporaryPassword };
  });
  const { error, errors, result: created } = create;
  const unitName = new Map((units.data ?? []).map((u) => [u.code, u.name]));
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }));
  const set = (field: 'email' | 'name' | 'unit' | 'position' | 'phone') => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  return (
    <Page title={t(T.users)}>
      <div class="panel stack">
        <SelectField label={t(T.filterUnit)} value={unitFilter} onValue={setUnitFilter} placeholder={t(T.allUnits)} options={unitOptions} />
        <Loading state={users}>
          {(list) => list.length === 0 ? <p class="muted">{t({ vi: 'Không có cán bộ nào.', en: 'No officials.' })}</p> : (
            <div class="table-wrap">
              <table>
                <thead><tr><th scope="col">{t(T.name)}</th><th scope="col">{t(T.email)}</th><th scope="col">{t(T.unit)}</th><th scope="col">{t(T.roles)}</th><th scope="col">{t(T.status)}</th><th scope="col"><span class="sr-only">{t(T.edit)}</span></th></tr></thead>
                <tbody>
                  {list.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">{u.name}</th>
                      <td>{u.email}</td>
                      <td>{unitName.get(u.unit) ?? u.unit}</td>
                      <td>{u.roles.map((r) => (r === 'citizen' ? r : t(T[r]))).join(', ')}</td>
                      <td>{u.enabled ? <Badge tone="success">{t(T.active)}</Badge> : <Badge tone="danger">{t(T.disabled)}</Badge>}</td>
                      <td><a href={href(tenant, 'console', 'admin', 'users', u.id)} aria-label={`${t(T.edit)} ${u.name}`}>{t(T.edit)}</a></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loading>
      </div>
      <form class="panel stack" onSubmit={create.run} aria-labelledby="new-user">
        <h2 id="new-user">{t(T.newUser)}</h2>
        {created ? (
          <Alert kind="success">
            {t(tempPasswordOf(created.email))}
            {created.password ? <> {t(T.tempPassword)} <code>{created.password}</code></> : null}
          </Alert>
        ) : null}
        {error && !Object.keys(errors).length ? <ErrorAlert error={error} /> : null}
        <TextField label={t(T.email)} type="email" required autoComplete="off" value={draft.email} onValue={set('email')} error={errors.email} />
        <TextField label={t(T.name)} required value={draft.name} onValue={set('name')} error={errors.name} />
        <SelectField label={t(T.unit)} required value={draft.unit} onValue={set('unit')} placeholder={t(T.pickUnit)} options={unitOptions} error={errors.unit} />
        <RolePicker value={draft.roles} onValue={(roles) => setDraft((d) => ({ ...d, roles }))} error={errors.roles} />
        <TextField label={t(T.position)} value={draft.position} onValue={set('position')} error={errors.position} />
        <TextField label={t(T.phone)} type="tel" value={draft.phone} onValue={set('phone')} error={errors.phone} />
        <div class="actions"><Button kind="primary" type="submit" busy={create.busy}>{t(T.newUser)}</Button></div>
      </form>
    </Page>
  );
}

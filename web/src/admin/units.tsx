// The province's units: the list, and a form to add one (the code is the national agency code and cannot change).
import { useState } from 'preact/hooks';
import { newKey } from '../core/api';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { Alert, Badge, Button, ErrorAlert, Loading, Page, SelectField, TextField, useDraft, useLoad, useSubmit } from '../core/ui';
import { createUnit, listUnits, type Unit, type UnitLevel } from './api';
import { ADMIN_TEXT as T } from './text';

export const LEVELS: UnitLevel[] = ['province', 'department', 'commune'];

/** Only what was filled in: the API refuses empty strings for optional fields. */
export const filled = (o: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));

const EMPTY = { code: '', name: '', shortName: '', level: 'department', parentCode: '', email: '', phone: '', address: '' };

export function UnitsPage({ tenant }: { tenant: string }) {
  useLang();
  const units = useLoad(() => listUnits(tenant), [tenant]);
  const [draft, setDraft, clearDraft] = useDraft(`admin.unit.${tenant}`, EMPTY);
  const [key, setKey] = useState(newKey);
  const create = useSubmit(async () => {
    const unit = await createUnit(tenant, filled(draft), key);
    clearDraft(); setDraft(EMPTY); setKey(newKey());
    units.reload();
    return unit;
  });
  const { error, errors, result: created } = create;
  const set = (field: keyof typeof EMPTY) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  return (
    <Page title={t(T.units)}>
      <Loading state={units}>
        {(list) => (
          <div class="table-wrap panel">
            <table>
              <thead><tr><th scope="col">{t(T.unitCode)}</th><th scope="col">{t(T.unitName)}</th><th scope="col">{t(T.level)}</th><th scope="col">{t(T.status)}</th><th scope="col"><span class="sr-only">{t(T.edit)}</span></th></tr></thead>
              <tbody>
                {list.map((u: Unit) => (
                  <tr key={u.code}>
                    <td>{u.code}</td>
                    <th scope="row">{u.name}</th>
                    <td>{t(T[u.level])}</td>
                    <td>{u.active ? <Badge tone="success">{t(T.active)}</Badge> : <Badge>{t(T.inactive)}</Badge>}</td>
                    <td><a href={href(tenant, 'console', 'admin', 'units', u.code)} aria-label={`${t(T.edit)} ${u.name}`}>{t(T.edit)}</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loading>
      <form class="panel stack" onSubmit={create.run} aria-labelledby="new-unit">
        <h2 id="new-unit">{t(T.newUnit)}</h2>
        {created ? <Alert kind="success">{`${t(T.created)} ${created.name} (${created.code})`}</Alert> : null}
        {error && !Object.keys(errors).length ? <ErrorAlert error={error} /> : null}
        <TextField label={t(T.unitCode)} hint={t(T.unitCodeHint)} required value={draft.code} onValue={set('code')} error={errors.code} />
        <TextField label={t(T.unitName)} required value={draft.name} onValue={set('name')} error={errors.name} />
        <TextField label={t(T.shortName)} value={draft.shortName} onValue={set('shortName')} error={errors.shortName} />
        <SelectField label={t(T.level)} required value={draft.level} onValue={set('level')} options={LEVELS.map((l) => ({ value: l, label: t(T[l]) }))} error={errors.level} />
        <SelectField label={t(T.parent)} value={draft.parentCode} onValue={set('parentCode')} placeholder={t(T.none)} error={errors.parentCode}
          options={(units.data ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))} />
        <TextField label={t(T.email)} type="email" value={draft.email} onValue={set('email')} error={errors.email} />
        <TextField label={t(T.phone)} type="tel" value={draft.phone} onValue={set('phone')} error={errors.phone} />
        <TextField label={t(T.address)} value={draft.address} onValue={set('address')} error={errors.address} />
        <div class="actions"><Button kind="primary" type="submit" busy={create.busy}>{t(T.newUnit)}</Button></div>
      </form>
    </Page>
  );
}

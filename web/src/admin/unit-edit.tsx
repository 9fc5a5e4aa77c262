// Editing a unit: its names and contacts, and whether it is still active. The version read guards against a change
// made in between (409 answers with the API's message; reload to see the other change).
import { useState } from 'preact/hooks';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { Alert, Button, Checkbox, COMMON_TEXT, ErrorAlert, Loading, Page, SelectField, TextField, useLoad, useSubmit } from '../core/ui';
import { getUnit, listUnits, updateUnit, type Unit } from './api';
import { ADMIN_TEXT as T } from './text';
import { filled } from './units';

export function UnitEditPage({ tenant, code }: { tenant: string; code: string }) {
  useLang();
  const state = useLoad(async () => ({ unit: await getUnit(tenant, code), units: await listUnits(tenant) }), [tenant, code]);
  return (
    <Page title={t(T.editUnit)}>
      <p><a href={href(tenant, 'console', 'admin', 'units')}>← {t(T.units)}</a></p>
      <Loading state={state}>{({ unit, units }) => <UnitForm key={`${unit.code}@${unit.version}`} tenant={tenant} unit={unit} units={units} />}</Loading>
    </Page>
  );
}

// The form starts from the unit it is given; a reloaded unit is a new form (its key), so an effect never resets
// what the user is typing (it used to, when the effect ran after a fast first keystroke).
function UnitForm(props: { tenant: string; unit: Unit; units: Unit[] }) {
  const [unit, setUnit] = useState(props.unit);
  const text = (u: Unit) => ({ name: u.name, shortName: u.shortName ?? '', parentCode: u.parentCode ?? '', email: u.email ?? '', phone: u.phone ?? '', address: u.address ?? '' });
  const [form, setForm] = useState(text(unit));
  const [active, setActive] = useState(unit.active);
  const save = useSubmit(async () => setUnit(await updateUnit(props.tenant, unit.code, { version: unit.version, ...filled(form), active })));
  const { error, errors } = save;
  const set = (field: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  return (
    <form class="panel stack" onSubmit={save.run}>
      <p><strong>{t(T.unitCode)}:</strong> {unit.code} · {t(T[unit.level])}</p>
      {save.done ? <Alert kind="success">{t(T.saved)}</Alert> : null}
      {error && !Object.keys(errors).length ? <ErrorAlert error={error} /> : null}
      <TextField label={t(T.unitName)} required value={form.name} onValue={set('name')} error={errors.name} />
      <TextField label={t(T.shortName)} value={form.shortName} onValue={set('shortName')} error={errors.shortName} />
      <SelectField label={t(T.parent)} value={form.parentCode} onValue={set('parentCode')} placeholder={t(T.none)} error={errors.parentCode}
        options={props.units.filter((u) => u.code !== unit.code).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))} />
      <TextField label={t(T.email)} type="email" value={form.email} onValue={set('email')} error={errors.email} />
      <TextField label={t(T.phone)} type="tel" value={form.phone} onValue={set('phone')} error={errors.phone} />
      <TextField label={t(T.address)} value={form.address} onValue={set('address')} error={errors.address} />
      <Checkbox label={t(T.active)} checked={active} onChecked={setActive} />
      <div class="actions"><Button kind="primary" type="submit" busy={save.busy}>{t(COMMON_TEXT.save)}</Button></div>
    </form>
  );
}

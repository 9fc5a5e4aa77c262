// The staff roles as a group of checkboxes (a fieldset: its legend names the group for screen readers).
import { t } from '../core/i18n';
import { Checkbox } from '../core/ui';
import { STAFF_ROLES, type StaffRole } from './api';
import { ADMIN_TEXT as T } from './text';

export function RolePicker(props: { value: StaffRole[]; onValue: (roles: StaffRole[]) => void; error?: string }) {
  return (
    <fieldset class="field">
      <legend>{t(T.roles)}<span class="req" aria-hidden="true"> *</span></legend>
      {STAFF_ROLES.map((role) => (
        <Checkbox key={role} label={t(T[role])} checked={props.value.includes(role)}
          onChecked={(on) => props.onValue(on ? [...props.value, role] : props.value.filter((r) => r !== role))} />
      ))}
      {props.error ? <p class="error" role="alert">{props.error}</p> : null}
    </fieldset>
  );
}

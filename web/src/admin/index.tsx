// The administration area of the console (#/<tenant>/console/admin/<section>/…), for tenant-admins only: units,
// officials and their roles, procedures and their versions, the year's working calendar. Each section is a sub-route.
import type { AreaProps } from '../core/area';
import { hasRole, session } from '../core/auth';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { useStore } from '../core/store';
import { Alert, Page } from '../core/ui';
import { CalendarPage } from './calendar';
import { ProcedureEditPage } from './procedure-edit';
import { ProceduresPage } from './procedures';
import { ADMIN_TEXT as T } from './text';
import { UnitEditPage } from './unit-edit';
import { UnitsPage } from './units';
import { UserEditPage } from './user-edit';
import { UsersPage } from './users';

const SECTIONS = ['units', 'users', 'procedures', 'calendar'] as const;

export default function Area(props: AreaProps) {
  useLang();
  const user = useStore(session);
  if (!hasRole(user, 'tenant-admin')) {
    return <Page title={t(T.title)}><Alert kind="warning">{t(T.adminsOnly)}</Alert></Page>;
  }
  const [section = 'units', id] = props.path;
  const tenant = props.config.id;
  return (
    <>
      <nav aria-label={t(T.sections)} class="no-print" style={{ marginBottom: '.5rem' }}>
        <ul class="row" style={{ listStyle: 'none', padding: 0, margin: 0, gap: '1.5rem' }}>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={href(tenant, 'console', 'admin', s)} aria-current={s === section ? 'page' : undefined} style={s === section ? { fontWeight: 700 } : undefined}>{t(T[s])}</a>
            </li>
          ))}
        </ul>
      </nav>
      {section === 'users' ? (id ? <UserEditPage tenant={tenant} id={id} /> : <UsersPage tenant={tenant} />)
        : section === 'procedures' ? (id ? <ProcedureEditPage tenant={tenant} code={id} /> : <ProceduresPage tenant={tenant} />)
        : section === 'calendar' ? <CalendarPage tenant={tenant} year={id} />
        : id ? <UnitEditPage tenant={tenant} code={id} /> : <UnitsPage tenant={tenant} />}
    </>
  );
}

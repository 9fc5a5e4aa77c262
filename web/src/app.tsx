// The app: which province, which area, who is signed in. Areas load lazily (see AREAS); everything else is core/.
import { useEffect } from 'preact/hooks';
import { setApiTenant } from './core/api';
import type { AreaProps } from './core/area';
import { isStaff, selectTenantSession, session, type Session, type TenantConfig } from './core/auth';
import { t, useLang, type Text } from './core/i18n';
import { Lazy, type AreaModule } from './core/lazy';
import { Shell } from './core/layout';
import { href, navigate, useRoute } from './core/router';
import { SIGN_IN_TEXT, SignInForm } from './core/sign-in';
import { useStore } from './core/store';
import { Alert, Loading, Page, useLoad } from './core/ui';

const APP_TEXT = {
  chooseProvince: { vi: 'Chọn tỉnh, thành phố', en: 'Choose a province' },
  chooseLead: { vi: 'Cổng dịch vụ công của tỉnh, thành phố nơi bạn nộp hồ sơ.', en: 'The public services portal of the province where you apply.' },
  unknownProvince: { vi: 'Không có tỉnh, thành phố này trên Tỉnh Số.', en: 'No such province on Tỉnh Số.' },
  staffOnly: { vi: 'Trang này dành cho cán bộ, công chức của tỉnh.', en: 'This page is for the province\'s officials.' },
  register: { vi: 'Chưa có tài khoản? Đăng ký tài khoản công dân', en: 'No account? Register as a citizen' },
  consoleUnknown: { vi: 'Không có trang này.', en: 'No such page.' },
} satisfies Record<string, Text>;

/** The console's areas, each its own chunk. */
const AREAS: Record<string, () => Promise<AreaModule<AreaProps>>> = {
  dossiers: () => import('./dossiers/index'),
  stats: () => import('./stats/index'),
  documents: () => import('./documents/index'),
  meetings: () => import('./meetings/index'),
  mail: () => import('./mail/index'),
  admin: () => import('./admin/index'),
};
const loadCitizen = () => import('./citizen/index');

interface AppConfig { tenants: { id: string; name: string }[] }

const configs = new Map<string, Promise<TenantConfig | undefined>>();
function tenantConfig(id: string): Promise<TenantConfig | undefined> {
  if (!configs.has(id)) {
    configs.set(id, fetch(`/v1/${encodeURIComponent(id)}/config`).then((r) => (r.ok ? (r.json() as Promise<TenantConfig>) : undefined)).catch((err: unknown) => {
      configs.delete(id);
      throw err;
    }));
  }
  return configs.get(id)!;
}

const appConfig = fetch('/app-config.json').then((r) => r.json() as Promise<AppConfig>);

function ProvinceChooser() {
  const state = useLoad(() => appConfig, []);
  return (
    <main id="main" class="chooser">
      <Page title={t(APP_TEXT.chooseProvince)} lead={t(APP_TEXT.chooseLead)}>
        <Loading state={state}>
          {(app) => <ul class="cards">{app.tenants.map((x) => <li key={x.id}><a class="card" href={href(x.id)}>{x.name}</a></li>)}</ul>}
        </Loading>
      </Page>
    </main>
  );
}

function SignInPage(props: { config: TenantConfig; next: string | null }) {
  const done = (s: Session) => navigate(props.next && props.next.startsWith('#/') ? props.next : href(s.tenant, ...(isStaff(s) ? ['console'] : ['my'])));
  return (
    <Page title={t(SIGN_IN_TEXT.title)}>
      <div class="narrow">
        <SignInForm config={props.config} onSignedIn={done} />
        <p><a href={href(props.config.id, 'register')}>{t(APP_TEXT.register)}</a></p>
      </div>
    </Page>
  );
}

function Tenant(props: { config: TenantConfig; multiTenant: boolean }) {
  const route = useRoute();
  const user = useStore(session);
  const path = route.path;
  const inConsole = path[0] === 'console';
  const areaName = inConsole ? (path[1] ?? 'dossiers') : undefined;
  useEffect(() => {
    if (inConsole && !user) navigate(`${href(props.config.id, 'sign-in')}?next=${encodeURIComponent(location.hash)}`);
  }, [inConsole, user, props.config.id]);

  let content;
  if (path[0] === 'sign-in') content = <SignInPage config={props.config} next={route.query.get('next')} />;
  else if (inConsole) {
    const load = AREAS[areaName!];
    if (!user) content = null;
    else if (!isStaff(user)) content = <Alert kind="warning">{t(APP_TEXT.staffOnly)}</Alert>;
    else if (!load) content = <Alert kind="warning">{t(APP_TEXT.consoleUnknown)}</Alert>;
    else content = <Lazy load={load} props={{ config: props.config, route, path: path.slice(2) }} />;
  } else content = <Lazy load={loadCitizen} props={{ config: props.config, route, path }} />;

  return <Shell config={props.config} current={inConsole ? ['console', areaName!] : path} console={inConsole} multiTenant={props.multiTenant}>{content}</Shell>;
}

export function App() {
  useLang();
  const route = useRoute();
  const tenant = route.tenant;
  const app = useLoad(() => appConfig, []);
  const config = useLoad(() => (tenant ? tenantConfig(tenant) : Promise.resolve(undefined)), [tenant]);
  useEffect(() => {
    // In AWS the domain is the province's: there is nothing to choose.
    if (!tenant && app.data?.tenants.length === 1) navigate(href(app.data.tenants[0]!.id));
  }, [tenant, app.data]);

  if (!tenant) return <ProvinceChooser />;
  // While another province's config loads, the previous one is still in `config.data`: never run with it (its
  // user pool would take the sign-in).
  if ((config.loading && !config.data) || (config.data && config.data.id !== tenant)) return <Loading state={{ ...config, data: undefined }}>{() => null}</Loading>;
  if (!config.data) {
    return config.error ? <main id="main"><Loading state={config}>{() => null}</Loading></main> : <main id="main"><Page title={t(APP_TEXT.unknownProvince)}><a href="#/">{t(APP_TEXT.chooseProvince)}</a></Page></main>;
  }
  selectTenantSession(config.data.id);
  setApiTenant(config.data);
  return <Tenant config={config.data} multiTenant={(app.data?.tenants.length ?? 1) > 1} />;
}

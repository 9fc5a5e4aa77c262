// The frame of every page: the province's header with navigation, the language switch, the signed-in user,
// and the banners for a lost connection or an expired session.
import type { ComponentChildren } from 'preact';
import { EXPIRED_TEXT, NETWORK_TEXT, online } from './api';
import { hasRole, isStaff, session, sessionExpired, signOut, type Role, type TenantConfig } from './auth';
import { setLang, t, useLang, type Text } from './i18n';
import { href, navigate } from './router';
import { SIGN_IN_TEXT, SignInForm } from './sign-in';
import { useStore } from './store';
import { Alert, Dialog } from './ui';

export const LAYOUT_TEXT = {
  skip: { vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to the main content' },
  portal: { vi: 'Dịch vụ công', en: 'Public services' },
  procedures: { vi: 'Thủ tục', en: 'Procedures' },
  lookup: { vi: 'Tra cứu hồ sơ', en: 'Look up a dossier' },
  myDossiers: { vi: 'Hồ sơ của tôi', en: 'My dossiers' },
  console: { vi: 'Trang cán bộ', en: 'Officials' },
  dossiers: { vi: 'Hồ sơ', en: 'Dossiers' },
  stats: { vi: 'Thống kê', en: 'Statistics' },
  documents: { vi: 'Văn bản', en: 'Documents' },
  meetings: { vi: 'Hội nghị', en: 'Meetings' },
  mail: { vi: 'Thư công vụ', en: 'Mail' },
  admin: { vi: 'Quản trị', en: 'Administration' },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  switchLang: { vi: 'English', en: 'Tiếng Việt' },
  switchLangLabel: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  changeProvince: { vi: 'Đổi tỉnh', en: 'Change province' },
  mainNav: { vi: 'Điều hướng chính', en: 'Main navigation' },
} satisfies Record<string, Text>;

interface NavItem { path: string[]; text: Text; roles?: Role[] }

const PORTAL_NAV: NavItem[] = [
  { path: ['procedures'], text: LAYOUT_TEXT.procedures },
  { path: ['lookup'], text: LAYOUT_TEXT.lookup },
  { path: ['my'], text: LAYOUT_TEXT.myDossiers, roles: ['citizen'] },
];

/** The console's areas and who sees them (the API decides what each may do; the menu only avoids dead ends). */
export const CONSOLE_NAV: NavItem[] = [
  { path: ['console', 'dossiers'], text: LAYOUT_TEXT.dossiers, roles: ['clerk', 'officer', 'leader', 'tenant-admin'] },
  { path: ['console', 'stats'], text: LAYOUT_TEXT.stats, roles: ['leader', 'tenant-admin', 'clerk', 'officer'] },
  { path: ['console', 'documents'], text: LAYOUT_TEXT.documents, roles: ['clerk', 'officer', 'leader', 'tenant-admin'] },
  { path: ['console', 'meetings'], text: LAYOUT_TEXT.meetings, roles: ['clerk', 'officer', 'leader', 'tenant-admin'] },
  { path: ['console', 'mail'], text: LAYOUT_TEXT.mail, roles: ['clerk', 'officer', 'leader', 'tenant-admin'] },
  { path: ['console', 'admin'], text: LAYOUT_TEXT.admin, roles: ['tenant-admin'] },
];

export function Shell(props: { config: TenantConfig; current: string[]; console: boolean; multiTenant: boolean; children: ComponentChildren }) {
  useLang();
  const user = useStore(session);
  const expired = useStore(sessionExpired);
  const isOnline = useStore(online);
  const tenant = props.config.id;
  const items = (props.console ? CONSOLE_NAV : PORTAL_NAV).filter((item) => !item.roles || hasRole(user, ...item.roles));
  const active = (item: NavItem) => item.path.every((seg, i) => props.current[i] === seg);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t(LAYOUT_TEXT.skip)}</a>
      <header class={`site-header ${props.console ? 'console' : ''}`}>
        <div class="brand">
          <a href={href(tenant)}>{props.config.name}</a>
          <span class="brand-sub">{props.console ? t(LAYOUT_TEXT.console) : t(LAYOUT_TEXT.portal)}</span>
        </div>
        <nav aria-label={t(LAYOUT_TEXT.mainNav)}>
          <ul>
            {items.map((item) => (
              <li key={item.path.join('/')}><a href={href(tenant, ...item.path)} aria-current={active(item) ? 'page' : undefined}>{t(item.text)}</a></li>
            ))}
            {!props.console && isStaff(user) ? <li><a href={href(tenant, 'console')}>{t(LAYOUT_TEXT.console)}</a></li> : null}
            {props.console ? <li><a href={href(tenant, 'procedures')}>{t(LAYOUT_TEXT.portal)}</a></li> : null}
          </ul>
        </nav>
        <div class="header-tools">
          <button type="button" class="link lang-switch" lang={t({ vi: 'en', en: 'vi' })} aria-label={t(LAYOUT_TEXT.switchLangLabel)} onClick={() => setLang(t({ vi: 'en', en: 'vi' }) as 'vi' | 'en')}>{t(LAYOUT_TEXT.switchLang)}</button>
          {props.multiTenant ? <a href="#/">{t(LAYOUT_TEXT.changeProvince)}</a> : null}
          {user ? (
            <span class="user"><span class="user-name">{user.name}</span> <button type="button" class="link" onClick={() => { signOut(); navigate(href(tenant)); }}>{t(LAYOUT_TEXT.signOut)}</button></span>
          ) : (
            <a href={`${href(tenant, 'sign-in')}?next=${encodeURIComponent(location.hash)}`}>{t(LAYOUT_TEXT.signIn)}</a>
          )}
        </div>
      </header>
      {!isOnline ? <div class="banner"><Alert kind="warning">{t(NETWORK_TEXT)}</Alert></div> : null}
      {expired ? <div class="banner"><Alert kind="warning">{t(EXPIRED_TEXT)}</Alert></div> : null}
      <Dialog open={expired && Boolean(user)} title={t(SIGN_IN_TEXT.title)} onClose={() => undefined}>
        <SignInForm config={props.config} initialEmail={user?.email} onSignedIn={() => sessionExpired.set(false)} />
      </Dialog>
      <main id="main" tabIndex={-1}>{props.children}</main>
      <footer class="site-footer"><p>{props.config.name} · Tỉnh Số · {props.config.domain}</p></footer>
    </>
  );
}

// The documents area of the console (văn bản đi, văn bản đến, nhiệm vụ): which page the path names.
//   ''               outgoing box (default)      'incoming'       incoming box
//   'new'            compose a draft             'incoming/<id>'  an incoming document
//   '<id>'           an outgoing document        '<id>/edit'      edit a draft
//   'tasks'          tasks due                   'search'         search
import type { AreaProps } from '../core/area';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { Alert } from '../core/ui';
import { Compose } from './compose';
import { DocumentPage } from './document-page';
import { IncomingBox } from './inbox';
import { IncomingPage } from './incoming-page';
import { OutgoingBox } from './outbox';
import { SearchPage } from './search';
import { TasksPage } from './tasks';
import { TEXT } from './text';

const SECTIONS = [
  { path: [] as string[], text: TEXT.outbox },
  { path: ['incoming'], text: TEXT.inbox },
  { path: ['new'], text: TEXT.compose },
  { path: ['tasks'], text: TEXT.tasks },
  { path: ['search'], text: TEXT.searchTitle },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Sections(props: { tenant: string; path: string[] }) {
  const first = props.path[0] ?? '';
  const current = (p: string[]) => (p[0] ?? '') === first || (p.length === 0 && UUID.test(first));
  return (
    <nav aria-label={t(TEXT.areaNav)} class="no-print">
      <ul class="actions" style={{ listStyle: 'none', padding: 0 }}>
        {SECTIONS.map((s) => (
          <li key={s.path.join('/')}>
            <a href={href(props.tenant, 'console', 'documents', ...s.path)} aria-current={current(s.path) ? 'page' : undefined} style={current(s.path) ? { fontWeight: 700 } : undefined}>{t(s.text)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export default function DocumentsArea(props: AreaProps) {
  useLang();
  const tenant = props.config.id;
  const [first = '', second, third] = props.path;
  let page;
  if (first === '') page = <OutgoingBox tenant={tenant} />;
  else if (first === 'incoming' && !second) page = <IncomingBox tenant={tenant} />;
  else if (first === 'incoming' && second && UUID.test(second)) page = <IncomingPage tenant={tenant} id={second} />;
  else if (first === 'new') page = <Compose tenant={tenant} />;
  else if (first === 'tasks') page = <TasksPage tenant={tenant} />;
  else if (first === 'search') page = <SearchPage tenant={tenant} query={props.route.query} />;
  else if (UUID.test(first) && !second) page = <DocumentPage tenant={tenant} id={first} />;
  else if (UUID.test(first) && second === 'edit' && !third) page = <Compose tenant={tenant} id={first} />;
  else page = <Alert kind="warning">{t(TEXT.notFound)}</Alert>;
  return <>
    <Sections tenant={tenant} path={props.path} />
    {page}
  </>;
}

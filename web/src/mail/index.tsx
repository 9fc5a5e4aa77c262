// The mail area of the console (thư công vụ): `` the mailbox and its folders, `m/<id>` a message, `compose`
// (?reply=, ?replyAll=, ?forward=) writing, `search?q=` searching. `?mailbox=` picks a shared mailbox throughout.
import type { AreaProps } from '../core/area';
import { t, useLang } from '../core/i18n';
import { Alert } from '../core/ui';
import { ComposePage } from './compose';
import { MailboxPage } from './mailbox';
import { ReaderPage } from './reader';
import { SearchPage } from './search';
import { MAIL_TEXT } from './text';

export default function MailArea(props: AreaProps) {
  useLang();
  const [page, id] = props.path;
  if (!page) return <MailboxPage {...props} />;
  if (page === 'm' && id) return <ReaderPage key={id} {...props} id={id} />;
  if (page === 'compose') return <ComposePage key={props.route.query.toString()} {...props} />;
  if (page === 'search') return <SearchPage key={props.route.query.toString()} {...props} />;
  return <Alert kind="warning">{t(MAIL_TEXT.notFound)}</Alert>;
}

// What the mail pages share: their links (the chosen mailbox travels in the query), folder and people names,
// and the table of messages (a folder's or a search's).
import { useEffect, useState } from 'preact/hooks';
import { t } from '../core/i18n';
import { formatDateTime } from '../core/format';
import { href } from '../core/router';
import { Button, COMMON_TEXT } from '../core/ui';
import type { MessageSummary, Person } from './api';
import { FOLDER_TEXT, MAIL_TEXT } from './text';

/** #/<tenant>/console/mail/<path…>?<query>, leaving out empty query values. */
export function mailHref(tenant: string, path: string[], query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) q.set(key, value);
  const s = q.toString();
  return `${href(tenant, 'console', 'mail', ...path)}${s ? `?${s}` : ''}`;
}

export const folderLabel = (name: string): string => (FOLDER_TEXT[name] ? t(FOLDER_TEXT[name]) : name);

export const personLabel = (p: Person | undefined): string => (p ? (p.name && p.name !== p.address ? `${p.name} <${p.address}>` : p.address) : '');
export const personShort = (p: Person | undefined): string => (p ? p.name || p.address : '');

/** The paperclip of a message with files (drawn, so that it shows without an emoji font). */
function Paperclip() {
  return (
    <svg role="img" aria-label={t(MAIL_TEXT.hasAttachments)} width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" style={{ verticalAlign: '-2px' }}>
      <title>{t(MAIL_TEXT.hasAttachments)}</title>
      <path d="M21 11.5l-8.6 8.6a5.5 5.5 0 01-7.8-7.8l8.6-8.6a3.7 3.7 0 015.2 5.2l-8.6 8.6a1.8 1.8 0 01-2.6-2.6l7.9-7.9" />
    </svg>
  );
}

/** Whether the screen is a phone's: a list of messages reads better there than a table of squeezed columns. */
export function useNarrow(): boolean {
  const query = '(max-width: 40rem)';
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const onChange = () => setNarrow(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

/** The messages as a table: unread ones in bold (and said so for screen readers), newest first as the API gives them. */
export function MessageTable(props: {
  tenant: string; mailbox: string | undefined; items: MessageSummary[]; caption: string;
  /** In Sent and Drafts the recipients matter more than the sender. */
  showRecipients?: boolean; showFolder?: boolean; cursor?: string; onMore?: () => void; loadingMore?: boolean;
}) {
  const narrow = useNarrow();
  const more = props.cursor && props.onMore ? <div class="actions"><Button onClick={props.onMore} busy={props.loadingMore}>{t(COMMON_TEXT.more)}</Button></div> : null;
  if (narrow) {
    return (
      <>
        <ul aria-label={props.caption} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {props.items.map((m) => {
            const weight = m.seen ? 400 : 700;
            return (
              <li key={m.id} class="card" data-message-id={m.id} data-unread={m.seen ? undefined : 'true'} style={{ marginBottom: '.5rem', fontWeight: weight }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: '.5rem' }}>
                  <span style={{ overflowWrap: 'anywhere' }}>{props.showRecipients ? m.to.map(personShort).join(', ') : personShort(m.from)}</span>
                  <span class="muted" style={{ whiteSpace: 'nowrap', fontSize: '.9rem' }}>{formatDateTime(m.date)}</span>
                </div>
                {!m.seen ? <span class="sr-only">{t(MAIL_TEXT.unread)}: </span> : null}
                <a href={mailHref(props.tenant, ['m', m.id], { mailbox: props.mailbox })} style={{ fontWeight: weight, display: 'inline-block', padding: '.25rem 0' }}>{m.subject || t(MAIL_TEXT.noSubject)}</a>
                {m.attachments.some((a) => !a.inline) ? <> <Paperclip /></> : null}
                {props.showFolder ? <span class="muted"> · {folderLabel(m.folder)}</span> : null}
                {m.snippet ? <div class="muted" style={{ fontWeight: 400, fontSize: '.9rem' }}>{m.snippet.slice(0, 100)}</div> : null}
              </li>
            );
          })}
        </ul>
        {more}
      </>
    );
  }
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.showRecipients ? t(MAIL_TEXT.toCol) : t(MAIL_TEXT.from)}</th>
            <th scope="col">{t(MAIL_TEXT.subject)}</th>
            {props.showFolder ? <th scope="col">{t(MAIL_TEXT.folder)}</th> : null}
            <th scope="col">{t(MAIL_TEXT.date)}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((m) => {
            const weight = m.seen ? undefined : { fontWeight: 700 };
            return (
              <tr key={m.id} data-message-id={m.id} data-unread={m.seen ? undefined : 'true'} style={weight}>
                <td>{props.showRecipients ? m.to.map(personShort).join(', ') : personShort(m.from)}</td>
                <td>
                  {!m.seen ? <span class="sr-only">{t(MAIL_TEXT.unread)}: </span> : null}
                  <a href={mailHref(props.tenant, ['m', m.id], { mailbox: props.mailbox })} style={weight}>{m.subject || t(MAIL_TEXT.noSubject)}</a>
                  {m.attachments.some((a) => !a.inline) ? <> <Paperclip /></> : null}
                  {m.flagged ? <span role="img" aria-label={t(MAIL_TEXT.flagged)} title={t(MAIL_TEXT.flagged)}> ⚑</span> : null}
                  {m.snippet ? <div class="muted" style={{ fontWeight: 400, fontSize: '.9rem' }}>{m.snippet.slice(0, 120)}</div> : null}
                </td>
                {props.showFolder ? <td>{folderLabel(m.folder)}</td> : null}
                <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.date)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {more}
    </div>
  );
}

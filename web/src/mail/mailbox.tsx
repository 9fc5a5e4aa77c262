// The mailbox: which mailbox (one's own, or a shared one the user belongs to), its folders (system ones and
// the user's own, with a form to create one), and the chosen folder's messages, newest first.
import { useEffect, useState } from 'preact/hooks';
import type { AreaProps } from '../core/area';
import { session } from '../core/auth';
import { t } from '../core/i18n';
import { navigate } from '../core/router';
import { useStore } from '../core/store';
import { Alert, Button, COMMON_TEXT, ErrorAlert, Loading, Page, SelectField, TextField, useLoad, useSubmit } from '../core/ui';
import { mailApi, type MessageSummary } from './api';
import { folderLabel, mailHref, MessageTable, useNarrow } from './common';
import { MAIL_TEXT } from './text';

export function MailboxPage(props: AreaProps) {
  const tenant = props.config.id;
  const user = useStore(session);
  const mailbox = props.route.query.get('mailbox') ?? undefined;
  const folder = props.route.query.get('folder') || 'INBOX';
  const mailboxes = useLoad(() => mailApi.mailboxes(tenant), [tenant]);
  const folders = useLoad(() => mailApi.folders(tenant, mailbox), [tenant, mailbox]);
  const [q, setQ] = useState('');
  const narrow = useNarrow();

  const current = mailbox ?? user?.email;
  const go = (query: { mailbox?: string; folder?: string }) => navigate(mailHref(tenant, [], { mailbox: query.mailbox ?? mailbox, folder: query.folder ?? folder }));

  return (
    <Page title={`${t(MAIL_TEXT.title)}: ${folderLabel(folder)}`} actions={<a class="btn btn-primary" href={mailHref(tenant, ['compose'], { mailbox })}>{t(MAIL_TEXT.compose)}</a>}>
      <form class="row" role="search" onSubmit={(e) => { e.preventDefault(); if (q.trim()) navigate(mailHref(tenant, ['search'], { q: q.trim(), mailbox })); }}>
        <TextField label={t(MAIL_TEXT.searchLabel)} type="search" value={q} onValue={setQ} />
        <div class="field"><Button type="submit">{t(COMMON_TEXT.search)}</Button></div>
      </form>
      {/* Without a mailbox (e.g. mail is not in the province's plan) there is nothing else to show: one message says why. */}
      <Loading state={mailboxes}>
        {(boxes) => (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start' }}>
            <div class="panel" style={{ flex: '1 1 13rem', maxWidth: '100%' }}>
              {boxes.items.length > 1 ? (
                <SelectField label={t(MAIL_TEXT.mailbox)} value={current ?? ''} onValue={(v) => go({ mailbox: v === user?.email ? '' : v, folder: 'INBOX' })}
                  options={boxes.items.map((m) => ({ value: m.address, label: m.name && m.name !== m.address ? `${m.name} (${m.address})` : m.address }))} />
              ) : <p class="muted" style={{ overflowWrap: 'anywhere' }}>{boxes.items[0]?.address ?? current}</p>}
              <nav aria-label={t(MAIL_TEXT.folders)}>
                <Loading state={folders}>
                  {(list) => (
                    <ul style={narrow ? { listStyle: 'none', padding: 0, margin: '0 0 .5rem', display: 'flex', flexWrap: 'wrap', gap: '0 1rem' } : { listStyle: 'none', padding: 0, margin: '0 0 1rem' }}>
                      {list.items.map((f) => (
                        <li key={f.name}>
                          <a href={mailHref(tenant, [], { mailbox, folder: f.name })} aria-current={f.name === folder ? 'page' : undefined}
                            style={{ display: 'block', padding: '.4rem 0', fontWeight: f.name === folder ? 700 : 400 }}>{folderLabel(f.name)}</a>
                        </li>
                      ))}
                    </ul>
                  )}
                </Loading>
              </nav>
              <NewFolder tenant={tenant} mailbox={mailbox} onCreated={(name) => { folders.reload(); go({ folder: name }); }} />
            </div>
            <div style={{ flex: '999 1 28rem', minWidth: 0 }}>
              <FolderMessages key={`${mailbox ?? ''}/${folder}`} tenant={tenant} mailbox={mailbox} folder={folder} />
            </div>
          </div>
        )}
      </Loading>
    </Page>
  );
}

function NewFolder(props: { tenant: string; mailbox: string | undefined; onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const create = useSubmit(async () => {
    await mailApi.createFolder(props.tenant, name.trim(), props.mailbox);
    props.onCreated(name.trim());
    setName('');
  });
  const { error, errors, done } = create;
  return (
    <details open={Boolean(error) || done || undefined}>
      <summary style={{ cursor: 'pointer', padding: '.5rem 0', color: 'var(--link)', fontWeight: 600 }}>{t(MAIL_TEXT.newFolderToggle)}</summary>
      {/* An empty name sends nothing (and leaves the last notice as it was). */}
      <form onSubmit={(e) => { if (name.trim()) void create.run(e); else e.preventDefault(); }}>
        <TextField label={t(MAIL_TEXT.newFolder)} value={name} onValue={setName} maxLength={100} error={errors.name} />
        <Button type="submit" busy={create.busy}>{t(MAIL_TEXT.createFolder)}</Button>
        {error && !errors.name ? <ErrorAlert error={error} /> : null}
        {done ? <Alert kind="success">{t(MAIL_TEXT.folderCreated)}</Alert> : null}
      </form>
    </details>
  );
}

function FolderMessages(props: { tenant: string; mailbox: string | undefined; folder: string }) {
  const first = useLoad(() => mailApi.messages(props.tenant, props.folder, props.mailbox), [props.tenant, props.folder, props.mailbox]);
  const [more, setMore] = useState<{ items: MessageSummary[]; cursor?: string }>({ items: [] });
  useEffect(() => setMore({ items: [] }), [first.data]);
  const cursor = more.cursor ?? (more.items.length ? undefined : first.data?.cursor);
  const loadMore = useSubmit(async (from: string) => {
    const page = await mailApi.messages(props.tenant, props.folder, props.mailbox, from);
    setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.cursor }));
  });
  return (
    <Loading state={first}>
      {(page) => {
        const items = [...page.items, ...more.items];
        if (!items.length) return <p class="muted">{t(MAIL_TEXT.emptyFolder)}</p>;
        return (
          <>
            <MessageTable tenant={props.tenant} mailbox={props.mailbox} items={items} caption={`${t(MAIL_TEXT.messages)}: ${folderLabel(props.folder)}`}
              showRecipients={props.folder === 'Sent' || props.folder === 'Drafts'} cursor={cursor} onMore={() => { if (cursor) void loadMore.run(cursor); }} loadingMore={loadMore.busy} />
            <ErrorAlert error={loadMore.error} />
          </>
        );
      }}
    </Loading>
  );
}

// Reading one message: its headers, its body, its attachments, and what can be done with it. Opening it marks it
// read (the API's GET does that, the same request that returns it). The HTML body, already sanitized by the API,
// is shown only inside a frame with an empty sandbox (no script, no same-origin access to the console and its
// session) and a Content-Security-Policy that loads nothing but the message's own inline images: a second wall
// should the sanitizer ever miss something.
import { useState } from 'preact/hooks';
import type { AreaProps } from '../core/area';
import { download } from '../core/api';
import { formatBytes, formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { Alert, Badge, Button, Dialog, ErrorAlert, Loading, Page, SelectField, COMMON_TEXT, useLoad, useSubmit } from '../core/ui';
import { mailApi, type MessageDetail } from './api';
import { folderLabel, mailHref, MessageTable, personLabel } from './common';
import { DELIVERY_TEXT, MAIL_TEXT } from './text';

export function ReaderPage(props: AreaProps & { id: string }) {
  const tenant = props.config.id;
  const mailbox = props.route.query.get('mailbox') ?? undefined;
  const message = useLoad(() => mailApi.message(tenant, props.id, mailbox), [tenant, props.id, mailbox]);
  return (
    <Loading state={message}>
      {(m) => <Message tenant={tenant} mailbox={mailbox} message={m} reload={message.reload} />}
    </Loading>
  );
}

/** The document the frame shows: the sanitized HTML under a policy that allows only inline images from the attachment links. */
export function frameDocument(html: string, downloads: Record<string, string>): string {
  const origins = [...new Set(Object.values(downloads).map((u) => { try { return new URL(u).origin; } catch { return ''; } }).filter(Boolean))];
  const policy = `default-src 'none'; style-src 'unsafe-inline'; img-src ${origins.length ? origins.join(' ') : "'none'"}`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}">`
    + '<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;margin:.75rem;overflow-wrap:anywhere;color:#1b1f24}img{max-width:100%;height:auto}</style>'
    + `</head><body>${html}</body></html>`;
}

function Message(props: { tenant: string; mailbox: string | undefined; message: MessageDetail; reload: () => void }) {
  const { tenant, mailbox, message: m } = props;
  const [target, setTarget] = useState('');
  const [confirmPurge, setConfirmPurge] = useState(false);
  const [purged, setPurged] = useState(false);
  const folders = useLoad(() => mailApi.folders(tenant, mailbox), [tenant, mailbox]);
  const thread = useLoad(() => mailApi.thread(tenant, m.id, mailbox), [tenant, m.id, mailbox]);

  // One action at a time; the one under way (its name) shows busy, and its notice is what it returns.
  const action = useSubmit(async (_name: string, run: () => Promise<unknown>, done: string) => { await run(); return done; });
  const act = action.run;
  const busy = action.running?.[0];
  const { error, result: status } = action;
  // Where the message is now: a move or a delete says so at once, before the reloaded message does, so that "back to
  // the mailbox" clicked right after the notice opens the folder the message went to.
  const [movedTo, setMovedTo] = useState<string>();
  const back = mailHref(tenant, [], { mailbox, folder: movedTo ?? m.folder });
  const composeWith = (mode: 'reply' | 'replyAll' | 'forward') => mailHref(tenant, ['compose'], { mailbox, [mode]: m.id });
  const files = m.attachments.filter((a) => !a.inline || !m.html?.includes(m.downloads[String(a.index)] ?? '\u0000'));

  if (purged) {
    return (
      <Page title={m.subject || t(MAIL_TEXT.noSubject)}>
        <Alert kind="success">{t(MAIL_TEXT.purged)}</Alert>
        <a href={back}>{t(MAIL_TEXT.backToMailbox)}</a>
      </Page>
    );
  }
  return (
    <Page title={m.subject || t(MAIL_TEXT.noSubject)} actions={<a href={back}>{t(MAIL_TEXT.backToMailbox)}</a>}>
      {status ? <Alert kind="success">{status}</Alert> : null}
      <ErrorAlert error={error} />
      <div class="panel">
        <dl class="facts">
          {mailbox ? <><dt>{t(MAIL_TEXT.mailbox)}</dt><dd>{m.mailbox}</dd></> : null}
          <dt>{t(MAIL_TEXT.from)}</dt><dd>{personLabel(m.from)}</dd>
          <dt>{t(MAIL_TEXT.to)}</dt><dd>{m.to.map(personLabel).join(', ')}</dd>
          {m.cc.length ? <><dt>{t(MAIL_TEXT.cc)}</dt><dd>{m.cc.map(personLabel).join(', ')}</dd></> : null}
          {m.bcc?.length ? <><dt>{t(MAIL_TEXT.bcc)}</dt><dd>{m.bcc.join(', ')}</dd></> : null}
          <dt>{t(MAIL_TEXT.date)}</dt><dd>{formatDateTime(m.date)}</dd>
          <dt>{t(MAIL_TEXT.folder)}</dt><dd>{folderLabel(m.folder)} {m.flagged ? <Badge tone="warning">{t(MAIL_TEXT.flagged)}</Badge> : null}</dd>
          {m.undelivered && Object.keys(m.undelivered).length ? (
            <><dt>{t(MAIL_TEXT.undelivered)}</dt><dd>{Object.entries(m.undelivered).map(([a, why]) => `${a} (${DELIVERY_TEXT[why] ? t(DELIVERY_TEXT[why]) : why})`).join(', ')}</dd></>
          ) : null}
        </dl>
      </div>

      {m.folder === 'Drafts' ? (
        <Alert kind="info">
          {t(MAIL_TEXT.draftNote)}{' '}
          <Button kind="primary" busy={busy === 'sendDraft'} onClick={() => void act('sendDraft', () => mailApi.sendDraft(tenant, m.id, mailbox), t(MAIL_TEXT.sent)).then((ok) => ok && props.reload())}>{t(MAIL_TEXT.sendDraft)}</Button>
        </Alert>
      ) : null}

      <div class="actions no-print">
        <a class="btn btn-primary" href={composeWith('reply')}>{t(MAIL_TEXT.reply)}</a>
        <a class="btn btn-secondary" href={composeWith('replyAll')}>{t(MAIL_TEXT.replyAll)}</a>
        <a class="btn btn-secondary" href={composeWith('forward')}>{t(MAIL_TEXT.forward)}</a>
        <Button busy={busy === 'unread'} onClick={() => void act('unread', () => mailApi.update(tenant, m.id, { seen: false }, mailbox), t(MAIL_TEXT.markedUnread))}>{t(MAIL_TEXT.markUnread)}</Button>
        <Button busy={busy === 'flag'} onClick={() => void act('flag', () => mailApi.update(tenant, m.id, { flagged: !m.flagged }, mailbox), t(m.flagged ? MAIL_TEXT.unflag : MAIL_TEXT.flag)).then((ok) => ok && props.reload())}>{t(m.flagged ? MAIL_TEXT.unflag : MAIL_TEXT.flag)}</Button>
        {m.folder === 'Trash' ? (
          <Button kind="danger" busy={busy === 'purge'} onClick={() => setConfirmPurge(true)}>{t(MAIL_TEXT.purge)}</Button>
        ) : (
          <Button kind="danger" busy={busy === 'delete'} onClick={() => void act('delete', () => mailApi.update(tenant, m.id, { folder: 'Trash' }, mailbox).then(() => setMovedTo('Trash')), t(MAIL_TEXT.deleted)).then((ok) => ok && props.reload())}>{t(MAIL_TEXT.delete)}</Button>
        )}
      </div>

      <Loading state={folders}>
        {(list) => (
          <form class="row no-print" onSubmit={(e) => {
            e.preventDefault();
            if (target) void act('move', () => mailApi.update(tenant, m.id, { folder: target }, mailbox).then(() => setMovedTo(target)), `${t(MAIL_TEXT.moved)} (${folderLabel(target)})`).then((ok) => ok && props.reload());
          }}>
            <SelectField label={t(MAIL_TEXT.moveTo)} value={target} onValue={setTarget} placeholder="—"
              options={list.items.filter((f) => f.name !== m.folder).map((f) => ({ value: f.name, label: folderLabel(f.name) }))} />
            <div class="field"><Button type="submit" busy={busy === 'move'} disabled={!target}>{t(MAIL_TEXT.move)}</Button></div>
          </form>
        )}
      </Loading>

      <section class="panel" aria-label={t(MAIL_TEXT.body)}>
        {m.html ? (
          <iframe sandbox="" srcdoc={frameDocument(m.html, m.downloads)} title={t(MAIL_TEXT.body)}
            style={{ width: '100%', minHeight: '12rem', height: '45vh', border: '1px solid #d0d5dd', borderRadius: '4px', background: '#fff', resize: 'vertical' }} />
        ) : (
          <>
            <p class="sr-only">{t(MAIL_TEXT.textOnly)}</p>
            <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', margin: 0 }}>{m.text}</pre>
          </>
        )}
      </section>

      {files.length ? (
        <section class="panel" aria-labelledby="mail-attachments">
          <h2 id="mail-attachments">{t(MAIL_TEXT.attachments)}</h2>
          <ul class="file-list">
            {files.map((a) => (
              <li key={a.index}>
                <a href={m.downloads[String(a.index)]} download={a.fileName} target="_blank" rel="noopener noreferrer">{a.fileName}</a>
                {' '}<span class="muted">({formatBytes(a.size)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p class="no-print"><button type="button" class="link" onClick={() => void download(mailApi.rawPath(tenant, m.id) + (mailbox ? `?mailbox=${encodeURIComponent(mailbox)}` : ''), `${m.id}.eml`).catch(action.setError)}>{t(MAIL_TEXT.raw)}</button></p>

      {thread.data && thread.data.items.length > 1 ? (
        <section aria-labelledby="mail-thread">
          <h2 id="mail-thread">{t(MAIL_TEXT.thread)}</h2>
          <MessageTable tenant={tenant} mailbox={mailbox} items={thread.data.items.filter((x) => x.id !== m.id)} caption={t(MAIL_TEXT.thread)} showFolder />
        </section>
      ) : null}

      <Dialog open={confirmPurge} title={t(MAIL_TEXT.purge)} onClose={() => setConfirmPurge(false)}>
        <p>{t(MAIL_TEXT.purgeConfirm)}</p>
        <div class="actions">
          <Button kind="danger" busy={busy === 'purge'} onClick={() => void act('purge', () => mailApi.purge(tenant, m.id, mailbox), t(MAIL_TEXT.purged)).then((ok) => { setConfirmPurge(false); if (ok) setPurged(true); })}>{t(MAIL_TEXT.purge)}</Button>
          <Button onClick={() => setConfirmPurge(false)}>{t(COMMON_TEXT.cancel)}</Button>
        </div>
      </Dialog>
    </Page>
  );
}

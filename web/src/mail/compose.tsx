// Writing a message: new, a reply (to the sender, or to everyone), or a forward, with the original quoted.
// The form is a draft kept in the browser (useDraft), so a lost connection or an expired session loses nothing;
// sending carries an Idempotency-Key made once per message, so a retry after a lost answer sends it once.
import type { AreaProps } from '../core/area';
import { ApiError, fieldErrors, newKey } from '../core/api';
import { session } from '../core/auth';
import { allUploaded, FilePicker, type PickedFile } from '../core/files';
import { formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { useStore } from '../core/store';
import { Alert, Button, ErrorAlert, Loading, Page, SelectField, TextArea, TextField, useDraft, useLoad, Invalid, useSubmit } from '../core/ui';
import { uploadFile } from '../core/upload';
import { ADDRESS, mailApi, splitAddresses, type MessageDetail, type MessageSummary, type Person } from './api';
import { folderLabel, mailHref, personLabel } from './common';
import { DELIVERY_TEXT, MAIL_TEXT } from './text';

type Mode = 'new' | 'reply' | 'replyAll' | 'forward';

interface Draft {
  from: string;
  to: string;
  cc: string;
  subject: string;
  text: string;
  files: PickedFile[];
  /** One Idempotency-Key per intent: sending, and saving as a draft, are two. */
  sendKey: string;
  draftKey: string;
}

export function ComposePage(props: AreaProps) {
  const tenant = props.config.id;
  const q = props.route.query;
  const mailbox = q.get('mailbox') ?? undefined;
  const [mode, originalId] = (['reply', 'replyAll', 'forward'] as const).map((m) => [m, q.get(m)] as const).find(([, id]) => id) ?? ['new' as Mode, null];
  const original = useLoad(() => (originalId ? mailApi.message(tenant, originalId, mailbox) : Promise.resolve(undefined)), [tenant, originalId, mailbox]);
  const mailboxes = useLoad(() => mailApi.mailboxes(tenant), [tenant]);
  const title = mode === 'forward' ? MAIL_TEXT.composeForward : mode === 'new' ? MAIL_TEXT.compose : MAIL_TEXT.composeReply;
  return (
    <Page title={t(title)} actions={<a href={mailHref(tenant, [], { mailbox })}>{t(MAIL_TEXT.backToMailbox)}</a>}>
      {originalId && !original.data ? <Loading state={original}>{() => null}</Loading>
        : !mailboxes.data ? <Loading state={mailboxes}>{() => null}</Loading>
        : <ComposeForm key={`${mode}/${originalId ?? ''}`} tenant={tenant} mailbox={mailbox} mode={mode} original={original.data}
          mailboxes={mailboxes.data.items.filter((b) => b.kind !== 'list').map((b) => b.address)} />}
    </Page>
  );
}

const prefixed = (prefix: string, subject: string) => (new RegExp(`^${prefix}:`, 'i').test(subject.trim()) ? subject.trim() : `${prefix}: ${subject.trim()}`);
const quote = (text: string) => text.split('\n').map((line) => `> ${line}`).join('\n');
const list = (people: Person[]) => people.map((p) => p.address).join(', ');

/** What a reply or a forward starts with: recipients, subject, and the original quoted below the cursor. */
function initialDraft(mode: Mode, me: string, original: MessageDetail | undefined): Draft {
  const base: Draft = { from: '', to: '', cc: '', subject: '', text: '', files: [], sendKey: newKey(), draftKey: newKey() };
  if (!original || mode === 'new') return base;
  const mine = (p: Person) => p.address.toLowerCase() !== me.toLowerCase();
  const header = `${t(MAIL_TEXT.at)} ${formatDateTime(original.date)}, ${personLabel(original.from)} ${t(MAIL_TEXT.wrote)}`;
  if (mode === 'forward') {
    const lines = [
      t(MAIL_TEXT.forwardedHeader),
      `${t(MAIL_TEXT.from)}: ${personLabel(original.from)}`,
      `${t(MAIL_TEXT.date)}: ${formatDateTime(original.date)}`,
      `${t(MAIL_TEXT.subject)}: ${original.subject}`,
      `${t(MAIL_TEXT.to)}: ${original.to.map(personLabel).join(', ')}`,
      '',
      original.text,
    ];
    return { ...base, subject: prefixed('Fwd', original.subject), text: `\n\n${lines.join('\n')}` };
  }
  // A reply to one's own sent message goes to its recipients, not back to oneself.
  const sender = original.from && mine(original.from) ? [original.from] : original.to;
  const to = mode === 'replyAll' ? [...sender, ...original.to.filter(mine)] : sender;
  const cc = mode === 'replyAll' ? original.cc.filter(mine) : [];
  const unique = (people: Person[]) => [...new Map(people.map((p) => [p.address.toLowerCase(), p])).values()];
  return { ...base, to: list(unique(to)), cc: list(unique(cc)), subject: prefixed('Re', original.subject), text: `\n\n${header}\n${quote(original.text)}` };
}

function ComposeForm(props: { tenant: string; mailbox: string | undefined; mode: Mode; original: MessageDetail | undefined; mailboxes: string[] }) {
  const user = useStore(session);
  const me = props.mailbox ?? user?.email ?? '';
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`mail.${props.tenant}.${me}.${props.mode}.${props.original?.id ?? 'new'}`, initialDraft(props.mode, me, props.original));
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const from = draft.from || me;

  const check = (): Record<string, string> => {
    const out: Record<string, string> = {};
    const to = splitAddresses(draft.to);
    const badTo = to.filter((a) => !ADDRESS.test(a));
    const badCc = splitAddresses(draft.cc).filter((a) => !ADDRESS.test(a));
    if (!to.length) out.to = t(MAIL_TEXT.needRecipient);
    else if (badTo.length) out.to = `${t(MAIL_TEXT.badAddresses)} ${badTo.join(', ')}`;
    if (badCc.length) out.cc = `${t(MAIL_TEXT.badAddresses)} ${badCc.join(', ')}`;
    if (!allUploaded(draft.files)) out.files = t(MAIL_TEXT.waitUploads);
    return out;
  };

  /** The API's refusals next to the fields they concern: unknown recipients, and the schema's own checks. */
  const apiErrors = (err: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(fieldErrors(err))) out[path.split('.')[0]!] ??= message;
    if (err instanceof ApiError && err.code === 'RECIPIENT_UNKNOWN') {
      const unknown = ((err.details as { recipients?: string[] } | undefined)?.recipients ?? []).map((a) => a.toLowerCase());
      const inTo = splitAddresses(draft.to).filter((a) => unknown.includes(a));
      const inCc = splitAddresses(draft.cc).filter((a) => unknown.includes(a));
      if (inTo.length) out.to = `${t(MAIL_TEXT.unknownRecipients)} ${inTo.join(', ')}`;
      if (inCc.length) out.cc = `${t(MAIL_TEXT.unknownRecipients)} ${inCc.join(', ')}`;
    }
    return out;
  };

  /** Forwarding the original's files: each is fetched by its link and uploaded again as the sender's own. */
  const attachOriginals = async (original: MessageDetail) => {
    for (const a of original.attachments) {
      const response = await fetch(original.downloads[String(a.index)]!);
      if (!response.ok) throw new Error(String(response.status));
      const file = new File([await response.blob()], a.fileName, { type: a.contentType });
      const key = crypto.randomUUID();
      setDraft((d) => ({ ...d, files: [...d.files, { key, name: a.fileName, size: a.size, progress: 0 }] }));
      const uploadId = await uploadFile(props.tenant, file, (progress) => setDraft((d) => ({ ...d, files: d.files.map((f) => (f.key === key ? { ...f, progress } : f)) })));
      setDraft((d) => ({ ...d, files: d.files.map((f) => (f.key === key ? { ...f, uploadId, progress: 1 } : f)) }));
    }
  };

  // Sending, saving a draft and attaching the original's files share one state: one at a time, one alert.
  const compose = useSubmit(async (what: 'send' | 'draft' | 'attach'): Promise<{ message: MessageSummary; draft: boolean } | undefined> => {
    if (what === 'attach') {
      if (props.original) await attachOriginals(props.original);
      return undefined;
    }
    const found = check();
    if (Object.keys(found).length) throw new Invalid(found);
    const asDraft = what === 'draft';
    const message = await mailApi.send(props.tenant, {
      ...(from !== user?.email ? { from } : {}),
      to: splitAddresses(draft.to),
      cc: splitAddresses(draft.cc),
      subject: draft.subject.trim(),
      text: draft.text,
      attachments: draft.files.map((f) => f.uploadId!),
      ...(props.original && props.mode !== 'forward' ? { inReplyTo: props.original.id } : {}),
      ...(asDraft ? { draft: true } : {}),
    }, asDraft ? draft.draftKey : draft.sendKey);
    clearDraft();
    return { message, draft: asDraft };
  }, apiErrors);
  const { error, errors, result: done } = compose;
  const busy = compose.running?.[0];

  if (done) {
    const delivery = Object.entries(done.message.delivery ?? {});
    return (
      <div class="stack">
        <Alert kind="success">{t(done.draft ? MAIL_TEXT.draftSaved : MAIL_TEXT.sent)}</Alert>
        {delivery.length ? (
          <ul>{delivery.map(([address, outcome]) => <li key={address}>{address}: {DELIVERY_TEXT[outcome] ? t(DELIVERY_TEXT[outcome]) : outcome}</li>)}</ul>
        ) : null}
        <p class="actions">
          <a href={mailHref(props.tenant, ['m', done.message.id], { mailbox: props.mailbox })}>{done.message.subject || t(MAIL_TEXT.noSubject)}</a>
          <a href={mailHref(props.tenant, [], { mailbox: props.mailbox, folder: done.message.folder })}>{folderLabel(done.message.folder)}</a>
        </p>
      </div>
    );
  }

  const forwardable = props.mode === 'forward' ? (props.original?.attachments ?? []) : [];
  return (
    <form class="stack" noValidate onSubmit={(e) => void compose.run(e, 'send')}>
      <p class="muted">{t(MAIL_TEXT.draftKept)}</p>
      {props.mailboxes.length > 1 ? (
        <SelectField label={t(MAIL_TEXT.sendFrom)} value={from} onValue={set('from')} options={props.mailboxes.map((a) => ({ value: a, label: a }))} />
      ) : null}
      <TextField label={t(MAIL_TEXT.toField)} required type="text" inputMode="email" autoComplete="off" value={draft.to} onValue={set('to')} hint={t(MAIL_TEXT.addressHint)} error={errors.to} />
      <TextField label={t(MAIL_TEXT.ccField)} type="text" inputMode="email" autoComplete="off" value={draft.cc} onValue={set('cc')} error={errors.cc} />
      <TextField label={t(MAIL_TEXT.subject)} value={draft.subject} onValue={set('subject')} maxLength={998} error={errors.subject} />
      <TextArea label={t(MAIL_TEXT.bodyField)} value={draft.text} onValue={set('text')} rows={14} error={errors.text} />
      {forwardable.length ? (
        <div class="panel">
          <p><strong>{t(MAIL_TEXT.forwardAttachments)}:</strong> {forwardable.map((a) => a.fileName).join(', ')}</p>
          <Button busy={busy === 'attach'} onClick={() => void compose.run('attach')}>{t(MAIL_TEXT.attachOriginals)}</Button>
        </div>
      ) : null}
      <FilePicker tenant={props.tenant} label={t(MAIL_TEXT.attachments)} files={draft.files} onChange={(update) => setDraft((d) => ({ ...d, files: update(d.files) }))} error={errors.files ?? errors.attachments} />
      <ErrorAlert error={error} />
      <div class="actions">
        <Button kind="primary" type="submit" busy={busy === 'send'} disabled={busy !== undefined && busy !== 'send'}>{t(MAIL_TEXT.send)}</Button>
        <Button busy={busy === 'draft'} disabled={busy !== undefined && busy !== 'draft'} onClick={() => void compose.run('draft')}>{t(MAIL_TEXT.saveDraft)}</Button>
      </div>
    </form>
  );
}

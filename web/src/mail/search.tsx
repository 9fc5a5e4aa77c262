// Searching the mailbox by words of the subject (diacritics ignored by the API) and by sender.
import { useState } from 'preact/hooks';
import type { AreaProps } from '../core/area';
import { t } from '../core/i18n';
import { navigate } from '../core/router';
import { Button, COMMON_TEXT, Loading, Page, TextField, useLoad } from '../core/ui';
import { ADDRESS, mailApi } from './api';
import { mailHref, MessageTable } from './common';
import { MAIL_TEXT } from './text';

export function SearchPage(props: AreaProps) {
  const tenant = props.config.id;
  const mailbox = props.route.query.get('mailbox') ?? undefined;
  const q = props.route.query.get('q') ?? '';
  const from = props.route.query.get('from') ?? '';
  const [words, setWords] = useState(q);
  const [sender, setSender] = useState(from);
  const [senderError, setSenderError] = useState<string>();
  const results = useLoad(() => (q || from ? mailApi.search(tenant, { q: q || undefined, from: from || undefined, mailbox }) : Promise.resolve(undefined)), [tenant, q, from, mailbox]);

  const submit = (e: Event) => {
    e.preventDefault();
    const address = sender.trim().toLowerCase();
    if (address && !ADDRESS.test(address)) {
      setSenderError(`${t(MAIL_TEXT.badAddresses)} ${address}`);
      return;
    }
    setSenderError(undefined);
    navigate(mailHref(tenant, ['search'], { q: words.trim(), from: address, mailbox }));
  };

  return (
    <Page title={t(MAIL_TEXT.searchTitle)} actions={<a href={mailHref(tenant, [], { mailbox })}>{t(MAIL_TEXT.backToMailbox)}</a>}>
      <form class="row" role="search" onSubmit={submit}>
        <TextField label={t(MAIL_TEXT.searchLabel)} type="search" value={words} onValue={setWords} hint={t(MAIL_TEXT.searchHint)} maxLength={200} />
        <TextField label={t(MAIL_TEXT.searchFrom)} type="text" inputMode="email" value={sender} onValue={setSender} error={senderError} />
        <div class="field"><Button kind="primary" type="submit">{t(COMMON_TEXT.search)}</Button></div>
      </form>
      {!q && !from ? <p class="muted">{t(MAIL_TEXT.searchNeedsInput)}</p> : (
        <section aria-labelledby="mail-results">
          <h2 id="mail-results">{t(MAIL_TEXT.searchResults)}</h2>
          <Loading state={results}>
            {(page) => !page || !page.items.length ? <p role="status">{t(MAIL_TEXT.noResults)}</p>
              : <MessageTable tenant={tenant} mailbox={mailbox} items={page.items} caption={t(MAIL_TEXT.searchResults)} showFolder />}
          </Loading>
        </section>
      )}
    </Page>
  );
}

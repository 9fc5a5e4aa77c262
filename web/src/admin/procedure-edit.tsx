// Editing a procedure and publishing a new version. The PUT sends back the latest version and revision read: a
// published latest version makes a new draft (version + 1), a draft is replaced; publishing makes the latest draft
// the one citizens see. Documents, form fields and steps are kept as they are (edited in the catalogue's files).
import { useState } from 'preact/hooks';
import { formatDateTime } from '../core/format';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { Alert, Badge, Button, ErrorAlert, Loading, Page, SelectField, TextArea, TextField, useLoad, useSubmit } from '../core/ui';
import { contentOf, listVersions, publishProcedure, updateProcedure, type ProcedureVersion } from './api';
import { publishedVersion, ADMIN_TEXT as T, versionLabel } from './text';

export function ProcedureEditPage({ tenant, code }: { tenant: string; code: string }) {
  useLang();
  const versions = useLoad(async () => (await listVersions(tenant, code)).sort((a, b) => b.version - a.version), [tenant, code]);
  // Kept here: the editor is made anew for each version read, after a save or a publication.
  const [notice, setNotice] = useState<string>();
  const done = (text: string) => { setNotice(text); versions.reload(); };
  return (
    <Page title={t(T.editProcedure)}>
      <p><a href={href(tenant, 'console', 'admin', 'procedures')}>← {t(T.procedures)}</a></p>
      <Loading state={versions}>
        {(list) => <Editor key={`${list[0]!.version}.${list[0]!.revision}`} tenant={tenant} versions={list} notice={notice} onDone={done} />}
      </Loading>
    </Page>
  );
}

const textOf = (v: ProcedureVersion) => ({
  name: v.name, field: v.field, level: String(v.level), processingDays: v.processingDays === null ? '' : String(v.processingDays),
  fee: String(v.fee), feeNote: v.feeNote ?? '', legalBasis: v.legalBasis ?? '',
});

function Editor(props: { tenant: string; versions: ProcedureVersion[]; notice: string | undefined; onDone: (notice: string) => void }) {
  const latest = props.versions[0]!;
  const [form, setForm] = useState(textOf(latest));
  // Saving and publishing share one state: either one clears the other's error, and one runs at a time.
  const act = useSubmit(async (what: 'save' | 'publish') => {
    if (what === 'save') {
      const content = {
        ...contentOf(latest), name: form.name.trim(), field: form.field.trim(), level: Number(form.level) as 2 | 3 | 4,
        processingDays: form.processingDays.trim() === '' ? null : Number(form.processingDays.replace(',', '.')),
        fee: Number(form.fee.replace(/[.\s]/g, '')), feeNote: form.feeNote.trim() || undefined, legalBasis: form.legalBasis.trim() || undefined,
      };
      await updateProcedure(props.tenant, latest.code, { version: latest.version, revision: latest.revision, content });
      props.onDone(t(T.draftSaved));
    } else {
      const done = await publishProcedure(props.tenant, latest.code, { version: latest.version, revision: latest.revision });
      props.onDone(t(publishedVersion(done.version)));
    }
    return what;
  });
  // A done button stays busy: the version it sent is stale until the reloaded list makes a new editor (its key).
  const busy = act.running?.[0] ?? act.result;
  const { error, errors } = act;
  const err = (name: string) => errors[`content.${name}`] ?? errors[name];
  const set = (field: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [field]: value }));


  return (
    <div class="stack">
      <div class="panel">
        <h2>{latest.name}</h2>
        <p>{latest.code} · {t(versionLabel(latest.version))} · {latest.status === 'draft' ? <Badge tone="warning">{t(T.draft)}</Badge> : <Badge tone="success">{t(T.published)}</Badge>}</p>
        {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
        {error && !Object.keys(errors).length ? <ErrorAlert error={error} /> : null}
        {latest.status === 'draft' ? (
          <div class="actions"><Button kind="primary" busy={busy === 'publish'} onClick={() => void act.run('publish')}>{t(T.publish)} {latest.version}</Button></div>
        ) : null}
      </div>
      <form class="panel stack" onSubmit={(e) => void act.run(e, 'save')}>
        <h2>{t(T.editProcedure)}</h2>
        <p class="muted">{t(T.editHint)}</p>
        <TextField label={t(T.procName)} required value={form.name} onValue={set('name')} error={err('name')} />
        <TextField label={t(T.field)} required value={form.field} onValue={set('field')} error={err('field')} />
        <SelectField label={t(T.serviceLevel)} value={form.level} onValue={set('level')} error={err('level')}
          options={[{ value: '2', label: '2' }, { value: '3', label: '3' }, { value: '4', label: '4' }]} />
        <TextField label={t(T.processingDays)} hint={t(T.processingHint)} inputMode="decimal" value={form.processingDays} onValue={set('processingDays')} error={err('processingDays')} />
        <TextField label={t(T.fee)} inputMode="numeric" value={form.fee} onValue={set('fee')} error={err('fee')} />
        <TextField label={t(T.feeNote)} value={form.feeNote} onValue={set('feeNote')} error={err('feeNote')} />
        <TextArea label={t(T.legalBasis)} rows={3} value={form.legalBasis} onValue={set('legalBasis')} error={err('legalBasis')} />
        <div class="actions"><Button kind="primary" type="submit" busy={busy === 'save'}>{t(T.saveDraft)}</Button></div>
      </form>
      <section class="panel" aria-labelledby="versions">
        <h2 id="versions">{t(T.versions)}</h2>
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t(T.version)}</th><th scope="col">{t(T.status)}</th><th scope="col">{t(T.procName)}</th><th scope="col">{t(T.updatedAt)}</th><th scope="col">{t(T.publishedAt)}</th></tr></thead>
            <tbody>
              {props.versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">{v.version}</th>
                  <td>{v.status === 'draft' ? t(T.draft) : t(T.published)}</td>
                  <td>{v.name}</td>
                  <td>{formatDateTime(v.updatedAt)}</td>
                  <td>{formatDateTime(v.publishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

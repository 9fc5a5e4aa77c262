// The procedure catalogue as administrators manage it: the published procedures, searchable without diacritics,
// each leading to its edit page and versions.
import { useState } from 'preact/hooks';
import { fold } from '../core/format';
import { t, useLang } from '../core/i18n';
import { href } from '../core/router';
import { Loading, Page, TextField, useLoad } from '../core/ui';
import { listProcedures } from './api';
import { ADMIN_TEXT as T, versionLabel } from './text';

export function ProceduresPage({ tenant }: { tenant: string }) {
  useLang();
  const procedures = useLoad(() => listProcedures(tenant), [tenant]);
  const [query, setQuery] = useState('');
  const words = fold(query).split(/\s+/).filter(Boolean);
  return (
    <Page title={t(T.procedures)}>
      <div class="panel stack">
        <TextField label={t(T.searchProcedures)} type="search" value={query} onValue={setQuery} />
        <Loading state={procedures}>
          {(list) => {
            const shown = list.filter((p) => words.every((w) => fold(`${p.name} ${p.field} ${p.code}`).includes(w)));
            return (
              <div class="table-wrap">
                <table>
                  <thead><tr><th scope="col">{t(T.procName)}</th><th scope="col">{t(T.procCode)}</th><th scope="col">{t(T.field)}</th><th scope="col">{t(T.version)}</th></tr></thead>
                  <tbody>
                    {shown.map((p) => (
                      <tr key={p.code}>
                        <th scope="row"><a href={href(tenant, 'console', 'admin', 'procedures', p.code)}>{p.name}</a></th>
                        <td>{p.code}</td>
                        <td>{p.field}</td>
                        <td>{t(versionLabel(p.version))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          }}
        </Loading>
      </div>
    </Page>
  );
}

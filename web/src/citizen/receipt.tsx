// After submitting: the dossier code to keep, what was sent, and the receipt as a PDF (form 01). The API makes that
// PDF once the dossier is accepted; before then it says so, and this page shows its message.
import { ApiError } from '../core/api';
import { formatDateTime } from '../core/format';
import { t } from '../core/i18n';
import { href } from '../core/router';
import { Alert, Badge, Button, ErrorAlert, errorText, Loading, Page, useLoad, useSubmit } from '../core/ui';
import { downloadReceipt, getDossier } from './api';
import { statusTone, TEXT } from './text';

export function ReceiptButton(props: { tenant: string; code: string }) {
  const { run, busy, error, done } = useSubmit(() => downloadReceipt(props.tenant, props.code));
  return (
    <div class="stack no-print">
      <Button kind="secondary" busy={busy} onClick={run}>{t(TEXT.downloadReceipt)}</Button>
      {done ? <Alert kind="success">{t(TEXT.receiptReady)}</Alert> : null}
      {/* Not accepted yet is no failure: the API's own words, as information. */}
      {error instanceof ApiError && error.code === 'FORM_NOT_AVAILABLE' ? <Alert kind="info">{errorText(error)}</Alert> : error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}

export function ReceiptPage(props: { tenant: string; code: string }) {
  const state = useLoad(() => getDossier(props.tenant, props.code), [props.tenant, props.code]);
  return (
    <Page title={t(TEXT.receiptTitle)}>
      <Loading state={state}>
        {(d) => (
          <div class="stack">
            <Alert kind="success">{t(TEXT.receiptDone)}</Alert>
            <div class="panel">
              <p class="muted">{t(TEXT.dossierCode)}</p>
              <p style={{ fontSize: '1.2rem', fontWeight: 700, overflowWrap: 'anywhere' }} data-testid="dossier-code">{d.code}</p>
              <p class="muted">{t(TEXT.keepCode)}</p>
            </div>
            <dl class="facts panel">
              <dt>{t(TEXT.procedure)}</dt><dd>{d.procedure.name}</dd>
              <dt>{t(TEXT.applicant)}</dt><dd>{d.applicant.fullName}</dd>
              <dt>{t(TEXT.submittedAt)}</dt><dd>{formatDateTime(d.submittedAt)}</dd>
              <dt>{t(TEXT.status)}</dt><dd><Badge tone={statusTone(d.status.code)}>{t({ vi: d.status.label, en: d.status.labelEn })}</Badge></dd>
              {d.dueAt ? <><dt>{t(TEXT.dueAt)}</dt><dd>{formatDateTime(d.dueAt)}</dd></> : null}
              <dt>{t(TEXT.documentsSent)}</dt><dd><ul>{d.documents.map((f) => <li key={f.uploadId}>{f.fileName}</li>)}</ul></dd>
            </dl>
            <ReceiptButton tenant={props.tenant} code={d.code} />
            <div class="actions no-print">
              <Button onClick={() => window.print()}>{t(TEXT.print)}</Button>
              <a class="btn btn-primary" href={href(props.tenant, 'my', d.code)}>{t(TEXT.follow)}</a>
            </div>
          </div>
        )}
      </Loading>
    </Page>
  );
}

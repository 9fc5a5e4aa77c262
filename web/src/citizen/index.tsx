// The citizens' portal: #/<tenant>/… — the procedure catalogue, registering, applying, following one's dossiers,
// and looking a dossier up by code and phone. One page per file; this file only routes.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { AreaProps } from '../core/area';
import { session } from '../core/auth';
import { t, useLang } from '../core/i18n';
import { href, navigate } from '../core/router';
import { useStore } from '../core/store';
import { Alert, Spinner } from '../core/ui';
import { DossierPage } from './dossier-page';
import { LookupPage } from './lookup';
import { MyDossiersPage } from './my-dossiers';
import { ProcedurePage } from './procedure-page';
import { ProceduresPage } from './procedures';
import { ReceiptPage } from './receipt';
import { RegisterPage } from './register';
import { SubmitPage } from './submit';
import { TEXT } from './text';

/** Pages of one's own: without a session, off to the sign-in page, which comes back here afterwards. */
function SignedIn(props: { tenant: string; children: () => ComponentChildren }) {
  const user = useStore(session);
  useEffect(() => {
    if (!user) navigate(`${href(props.tenant, 'sign-in')}?next=${encodeURIComponent(location.hash)}`);
  }, [user, props.tenant]);
  return user ? <>{props.children()}</> : <Spinner label={t(TEXT.signInFirst)} />;
}

export default function CitizenArea({ config, path }: AreaProps) {
  useLang();
  const tenant = config.id;
  const [page, code] = path;
  switch (page) {
    case undefined: return <ProceduresPage tenant={tenant} home />;
    case 'procedures': return code ? <ProcedurePage tenant={tenant} code={code} /> : <ProceduresPage tenant={tenant} />;
    case 'register': return <RegisterPage config={config} />;
    case 'lookup': return <LookupPage tenant={tenant} />;
    case 'submit': return code ? <SignedIn tenant={tenant}>{() => <SubmitPage tenant={tenant} code={code} />}</SignedIn> : null;
    case 'receipt': return code ? <SignedIn tenant={tenant}>{() => <ReceiptPage tenant={tenant} code={code} />}</SignedIn> : null;
    case 'my': return <SignedIn tenant={tenant}>{() => (code ? <DossierPage tenant={tenant} code={code} /> : <MyDossiersPage tenant={tenant} />)}</SignedIn>;
    default: return <Alert kind="warning">{t(TEXT.notFound)}</Alert>;
  }
}

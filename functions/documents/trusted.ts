// The tenant's trusted CAs (admin-managed): the roots a PDF signature's certificate must chain to.
import { X509Certificate } from 'node:crypto';
import { badRequest } from '#shared/errors';
import type { DocumentDeps } from './deps';
import { keys } from './store';
import { DOCUMENT_TEXT as T } from './text';

const fingerprintOf = (cert: X509Certificate) => cert.fingerprint256.replaceAll(':', '').toLowerCase();

export async function getTrustedCas(deps: DocumentDeps, tenant: string) {
  const items = await deps.store.queryAll({ pk: keys.trusted(tenant, '').pk });
  return { items: items.map((i) => ({ fingerprint: String(i.sk), subject: String(i.subject), validTo: String(i.validTo), pem: String(i.pem) })) };
}

/** Replaces the list: every PEM must be a CA certificate; nothing is written when one is not. */
export async function putTrustedCas(deps: DocumentDeps, tenant: string, pems: string[]) {
  const certs = pems.map((pem, i) => {
    try {
      const cert = new X509Certificate(pem);
      if (!cert.ca) throw new Error('not a CA');
      return { fingerprint: fingerprintOf(cert), subject: cert.subject, validTo: new Date(cert.validTo).toISOString(), pem: cert.toString() };
    } catch {
      throw badRequest('INVALID_CERTIFICATE', T.badCertificate.vi, T.badCertificate.en, { index: i });
    }
  });
  const current = await getTrustedCas(deps, tenant);
  const keep = new Set(certs.map((c) => c.fingerprint));
  const items = [
    ...current.items.filter((c) => !keep.has(c.fingerprint)).map((c) => ({ Delete: { TableName: deps.store.table, Key: keys.trusted(tenant, c.fingerprint) } })),
    ...certs.map((c) => deps.store.put({ ...keys.trusted(tenant, c.fingerprint), ...c })),
  ];
  if (items.length) await deps.store.write(items);
  return getTrustedCas(deps, tenant);
}

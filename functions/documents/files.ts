// A document's files: claimed from the suite's uploads, and every PDF checked for signatures against the
// tenant's trusted CAs when it is attached (the verdict is stored with the file, naming the trust list it used).
import { createHash } from 'node:crypto';
import type { Caller } from '#shared/auth';
import type { DocumentDeps } from './deps';
import type { DocumentFile } from './schemas';
import { inspectPdfSignatures } from './signatures/verify';
import { keys, type TransactItem } from './store';

export const PDF_ONLY = ['application/pdf'];

/** The tenant's trusted CAs, and an id that changes whenever the list does (the same list always has the same id). */
export interface TrustList { id: string; pems: string[] }

export async function trustList(deps: DocumentDeps, tenant: string): Promise<TrustList> {
  const items = await deps.store.queryAll({ pk: keys.trusted(tenant, '').pk });
  const fingerprints = items.map((i) => String(i.sk)).sort();
  return { id: createHash('sha256').update(fingerprints.join('\n')).digest('hex').slice(0, 16), pems: items.map((i) => String(i.pem)) };
}

/** Adds the signature report to a PDF (any other file is returned as it is). */
export type SignatureCheck = (file: DocumentFile, bytes?: Uint8Array) => Promise<DocumentFile>;

/** A check for the files of one request: the tenant's trusted CAs are read once, at the first PDF (or given). */
export function signatureCheck(deps: DocumentDeps, tenant: string, given?: TrustList): SignatureCheck {
  let trusted: Promise<TrustList> | undefined = given && Promise.resolve(given);
  return async (file, bytes) => {
    if (file.contentType !== 'application/pdf') return file;
    const pdf = bytes ?? await deps.files.read(file);
    trusted ??= trustList(deps, tenant);
    const list = await trusted;
    return { ...file, signatures: { ...inspectPdfSignatures(pdf, list.pems, deps.clock()), trustList: list.id } };
  };
}

export async function claimFile(deps: DocumentDeps, tenant: string, caller: Caller, uploadId: string, reference: string,
  contentTypes: string[] | undefined, check: SignatureCheck): Promise<{ file: DocumentFile; attach: TransactItem }> {
  const { file, attach } = await deps.files.claim(tenant, uploadId, caller, { contentTypes }, reference);
  return { file: await check(file), attach };
}

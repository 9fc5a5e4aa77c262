// A document's files: claimed from the suite's uploads, and every PDF checked for signatures against the
// tenant's trusted CAs when it is attached (the verdict is stored with the file).
import type { Caller } from '#shared/auth';
import type { DocumentDeps } from './deps';
import type { DocumentFile } from './schemas';
import { inspectPdfSignatures } from './signatures/verify';
import { keys, type TransactItem } from './store';

export const PDF_ONLY = ['application/pdf'];

export async function trustedCaPems(deps: DocumentDeps, tenant: string): Promise<string[]> {
  const items = await deps.store.queryAll({ pk: keys.trusted(tenant, '').pk });
  return items.map((i) => String(i.pem));
}

/** Adds the signature report to a PDF (any other file is returned as it is). */
export type SignatureCheck = (file: DocumentFile, bytes?: Uint8Array) => Promise<DocumentFile>;

/** A check for the files of one request: the tenant's trusted CAs are read once, at the first PDF. */
export function signatureCheck(deps: DocumentDeps, tenant: string): SignatureCheck {
  let trusted: Promise<string[]> | undefined;
  return async (file, bytes) => {
    if (file.contentType !== 'application/pdf') return file;
    const pdf = bytes ?? await deps.files.read(file);
    trusted ??= trustedCaPems(deps, tenant);
    return { ...file, signatures: inspectPdfSignatures(pdf, await trusted, deps.clock()) };
  };
}

export async function claimFile(deps: DocumentDeps, tenant: string, caller: Caller, uploadId: string, reference: string,
  contentTypes: string[] | undefined, check: SignatureCheck): Promise<{ file: DocumentFile; attach: TransactItem }> {
  const { file, attach } = await deps.files.claim(tenant, uploadId, caller, { contentTypes }, reference);
  return { file: await check(file), attach };
}

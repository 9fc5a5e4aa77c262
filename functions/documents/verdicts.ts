// A PDF's signature verdict depends on the tenant's trusted CAs when it is checked, and a tenant-admin may change
// them (PUT /documents/trusted-cas). Each report names the list it was checked against; reading a document checks
// again, once, the PDFs whose report names another list, and keeps the new reports, so what officials read is always
// the verdict under today's list. The write keeps the document's version (nothing the officials did changed) and is
// conditioned on it: a change made meanwhile wins, and the next read checks again.
import type { DocumentDeps } from './deps';
import { signatureCheck, trustList } from './files';
import type { DocumentFile, IncomingDocument, OutgoingDocument } from './schemas';
import { incomingItem, outgoingItem } from './store';

const isStale = (file: DocumentFile, listId: string) => file.contentType === 'application/pdf' && file.signatures?.trustList !== listId;

/** The files with reports under the current list, or undefined when every report already is. */
async function current(deps: DocumentDeps, tenant: string, files: DocumentFile[]): Promise<DocumentFile[] | undefined> {
  const pdfs = files.filter((f) => f.contentType === 'application/pdf');
  if (!pdfs.length) return undefined;
  const list = await trustList(deps, tenant);
  if (!pdfs.some((f) => isStale(f, list.id))) return undefined;
  const check = signatureCheck(deps, tenant, list);
  return Promise.all(files.map((f) => (isStale(f, list.id) ? check(f) : f)));
}

export async function outgoingWithCurrentVerdicts(deps: DocumentDeps, tenant: string, doc: OutgoingDocument): Promise<OutgoingDocument> {
  const files = await current(deps, tenant, [doc.mainFile, ...(doc.signedFile ? [doc.signedFile] : []), ...doc.annexes]);
  if (!files) return doc;
  const [mainFile, ...rest] = files;
  const signedFile = doc.signedFile ? rest.shift() : undefined;
  const next: OutgoingDocument = { ...doc, mainFile: mainFile!, ...(signedFile ? { signedFile } : {}), annexes: rest };
  await deps.store.write([deps.store.putIfVersion(outgoingItem(tenant, next), doc.version)]);
  return next;
}

export async function incomingWithCurrentVerdicts(deps: DocumentDeps, tenant: string, doc: IncomingDocument): Promise<IncomingDocument> {
  const files = await current(deps, tenant, doc.files);
  if (!files) return doc;
  const next: IncomingDocument = { ...doc, files };
  await deps.store.write([deps.store.putIfVersion(incomingItem(tenant, next), doc.version)]);
  return next;
}

// What the documents integration tests share: the demo accounts of a tenant, a signed PDF, a document issued by the
// People's Committee of Nghệ An through the API (draft by the office's clerk, approval by the leader, issue), and the
// incoming copy a recipient unit finds in its box.
import { api, signIn, tenantOf, uploadFile } from './support';
import { createCa, issueCertificate, minimalPdf, signPdf } from '../support/pki';

export const NA = 'nghean';
export const QT = 'quangtri';
export const NA_ROOT = '000.00.00.H41';
/** Văn phòng UBND tỉnh: the demo clerk's unit, which keeps the records of the People's Committee. */
export const NA_OFFICE = '000.01.00.H41';
export const QT_ROOT = '000.00.00.H50';

/** A demo official of a tenant by the local part of their address: admin, vanthu, canbo, lanhdao. */
export const demoUser = (tenant: string, local: 'admin' | 'vanthu' | 'canbo' | 'lanhdao') => signIn(tenant, `${local}@${tenantOf(tenant).domain}`);

const ca = createCa('Test Root CA văn bản');
const leaderCertificate = issueCertificate(ca, 'Lê Văn Lãnh Đạo', { organization: 'UBND tỉnh Nghệ An' });

export async function pdfUpload(tenant: string, token: string, text: string, signed = false): Promise<string> {
  const pdf = minimalPdf(text);
  return uploadFile(tenant, token, `${text}.pdf`, 'application/pdf', signed ? signPdf(pdf, leaderCertificate, { signingTime: new Date() }) : pdf);
}

export interface IssuedDocument { id: string; version: number; number: number; numberSymbol: string; documentId: string; subject: string }

/** A document of Nghệ An's People's Committee, drafted by the office, approved with a signed PDF and issued. */
export async function issuedDocument(recipients: { agency: string; copy?: 'main' | 'info' }[], subject: string, type = 'ke-hoach'): Promise<IssuedDocument> {
  const clerk = await demoUser(NA, 'vanthu');
  const leader = await demoUser(NA, 'lanhdao');
  const created = await api('POST', `/v1/${NA}/documents`, {
    token: clerk,
    body: {
      type, subject, draftingUnit: NA_OFFICE, urgency: 'thuong',
      signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch', authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN' },
      recipients, mainUploadId: await pdfUpload(NA, clerk, 'du-thao'),
    },
  });
  if (created.status !== 201) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
  const approved = await api('POST', `/v1/${NA}/documents/${created.body.id}/approve`, {
    token: leader, body: { version: created.body.version, signedUploadId: await pdfUpload(NA, leader, 'ban-ky', true) },
  });
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  const issued = await api('POST', `/v1/${NA}/documents/${created.body.id}/issue`, { token: clerk, body: { version: approved.body.version } });
  if (issued.status !== 200) throw new Error(`issue: ${issued.status} ${JSON.stringify(issued.body)}`);
  return issued.body;
}

/** The incoming copy of `numberSymbol` in a unit's box, as `token`'s user reads it; undefined while it has not arrived. */
export async function incomingCopy(tenant: string, unit: string, numberSymbol: string, token: string) {
  const box = await api('GET', `/v1/${tenant}/incoming?unit=${unit}&limit=100`, { token });
  const row = (box.body?.items ?? []).find((i: { numberSymbol: string }) => i.numberSymbol === numberSymbol);
  return row ? (await api('GET', `/v1/${tenant}/incoming/${row.id}`, { token })).body : undefined;
}

// Our documents ↔ edXML (QCVN 102:2016): what an outgoing document and a status look like on the wire, and what
// an incoming copy is made of when one arrives.
import { toVietnamIso } from '#shared/clock';
import { findTenant } from '#shared/tenancy';
import { documentType, documentTypeByCode, urgency, urgencyOfPriority } from '../catalog';
import type { EdxmlAttachment, EdxmlMessage, EdxmlStatus } from '../edxml/index';
import type { IncomingDocument, OutgoingDocument, RevisionEntry } from '../schemas';
import { EXCHANGE_STATUSES } from '../status';
import type { StatusMessage } from '../incoming';

const BUSINESS_TYPES = { recall: 1, update: 2, replace: 3 } as const;

export function toEdxml(tenant: string, doc: OutgoingDocument, attachments: EdxmlAttachment[], revision?: RevisionEntry): EdxmlMessage {
  const province = findTenant(tenant)?.name ?? '';
  return {
    from: { organId: doc.issuingUnit.code, organName: doc.issuingUnit.name },
    to: doc.recipients.map((r) => ({ organId: r.agency, organName: r.agency })),
    documentId: doc.documentId!,
    codeNumber: String(doc.number).padStart(2, '0'), codeNotation: doc.symbol!,
    promulgation: { place: province, date: doc.issuedAt!.slice(0, 10) },
    documentType: { type: documentType(doc.type)!.code, typeName: doc.typeName },
    subject: revision?.subject ?? doc.subject,
    signer: { ...(doc.signer.authority ? { competence: [doc.signer.authority, doc.signer.onBehalfOf].filter(Boolean).join(' ') } : {}), position: doc.signer.position, fullName: doc.signer.name },
    ...(revision?.replyBy ?? doc.replyBy ? { dueDate: revision?.replyBy ?? doc.replyBy } : {}),
    toPlaces: doc.recipients.filter((r) => r.copy === 'info').map((r) => r.agency),
    priority: urgency(doc.urgency).priority as EdxmlMessage['priority'],
    trace: [{ organId: doc.issuingUnit.code, timestamp: revision?.at ?? doc.issuedAt! }],
    business: revision
      ? {
        docType: BUSINESS_TYPES[revision.business], reason: revision.reason,
        ...(revision.replacement ? { replacements: [{ documentId: revision.replacement.documentId, organIds: doc.recipients.map((r) => r.agency) }] } : {}),
        documentInfo: JSON.stringify({ at: revision.at, ...(revision.subject ? { subject: revision.subject } : {}), ...(revision.replyBy ? { replyBy: revision.replyBy } : {}) }),
      }
      : { docType: 0 },
    attachments,
  };
}

/** A revision carried by a received edXML message (business types 1/2/3). */
export function revisionOf(message: EdxmlMessage): RevisionEntry | undefined {
  const { business } = message;
  if (business.docType === 0) return undefined;
  const info = (() => { try { return JSON.parse(business.documentInfo ?? '{}') as { at?: string; subject?: string; replyBy?: string }; } catch { return {}; } })();
  const kind = (['recall', 'update', 'replace'] as const)[business.docType - 1]!;
  return {
    business: kind, reason: business.reason ?? '', at: info.at ?? message.trace.at(-1)?.timestamp ?? toVietnamIso(new Date()),
    by: { id: message.from.organId, name: message.from.organName },
    ...(info.subject ? { subject: info.subject } : {}), ...(info.replyBy ? { replyBy: info.replyBy } : {}),
    ...(business.replacements?.[0] ? { replacement: { id: business.replacements[0].documentId, documentId: business.replacements[0].documentId } } : {}),
  };
}

export function incomingFromEdxml(message: EdxmlMessage, recipient: string, id: string, at: string, files: IncomingDocument['files'], source: IncomingDocument['source']): IncomingDocument {
  const type = documentTypeByCode(message.documentType.type);
  return {
    id, kind: 'incoming', version: 1, status: '01', statusLabel: EXCHANGE_STATUSES['01'].vi, unit: recipient,
    from: { agency: message.from.organId, name: message.from.organName, ...(source.tenant ? { tenant: source.tenant } : {}) },
    documentId: message.documentId, numberSymbol: `${message.codeNumber}/${message.codeNotation}`,
    issuedAt: message.promulgation.date, type: type?.id ?? 'cong-van', typeName: message.documentType.typeName, subject: message.subject,
    signer: { name: message.signer.fullName, position: message.signer.position, ...(message.signer.competence ? { authority: message.signer.competence } : {}) },
    urgency: urgencyOfPriority(message.priority).id, confidentiality: 'thuong',
    ...(message.dueDate ? { replyBy: message.dueDate } : {}),
    copy: message.toPlaces.includes(recipient) ? 'info' : 'main',
    files, arrivedAt: at, revisions: [], source, updatedAt: at,
    history: [{ at, action: 'arrive', by: { id: 'system' } }],
  };
}

const responseFor = (m: Pick<StatusMessage, 'fromAgency' | 'documentId'>) => {
  const [, date, ...numberSymbol] = m.documentId.split(',');
  return { organId: m.fromAgency, code: numberSymbol.join(','), promulgationDate: (date ?? '').replaceAll('/', '-'), documentId: m.documentId };
};

export function statusToEdxml(m: StatusMessage): EdxmlStatus {
  return {
    from: { organId: m.agency, organName: m.unitName },
    to: { organId: m.fromAgency, organName: m.fromAgency },
    responseFor: responseFor(m),
    statusCode: m.code,
    description: m.description ?? EXCHANGE_STATUSES[m.code].vi,
    timestamp: m.at,
    staff: { department: m.unitName, staff: m.staff },
  };
}

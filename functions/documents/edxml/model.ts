// edXML of QCVN 102:2016/BTTTT: the envelope official documents travel in between agencies.
//
// Message envelope (what buildEdxml writes and parseEdxml reads):
//   edXML:edXMLEnvelope
//     edXML:edXMLHeader
//       edXML:MessageHeader      From, To+, DocumentId, Code, PromulgationInfo, DocumentType, Subject, Content?, SignerInfo,
//                                DueDate?, ToPlaces, OtherInfo, SteeringType?, ResponseFor?
//       edXML:TraceHeaderList    TraceHeader*, Bussiness
//       ds:Signature             (added by signEdxml)
//     edXML:edXMLBody
//       edXML:edXMLManifest      Reference* (ContentId, ContentType, AttachmentName, Description?)
//       edXML:Attachment*        ContentId, AttachmentName, ContentType, ContentTransferEncoded=base64, Format?, Value
//
// Status envelope (the recipient's feedback): the same envelope with edXML:Status in the header in place of
// MessageHeader and TraceHeaderList, and an empty body, the shape the gateways of the national document exchange use:
//   edXML:edXMLEnvelope / edXML:edXMLHeader / edXML:Status
//       ResponseFor, From, To?, StatusCode, Description, Timestamp, StaffInfo (Department, Staff, Mobile?, Email?)
//
// Element order is written as above; a reader does not depend on it. Elements this module does not model (Fax,
// OrganizationInCharge, Appendixes...) are ignored on reading, so envelopes from fuller implementations still parse.

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export interface EdxmlOrgan { organId: string; organName: string; organAdd?: string; email?: string; telephone?: string; website?: string }

/** contentId is written as in the XML, `cid:` included (e.g. `cid:1`). */
export interface EdxmlAttachment { contentId: string; name: string; contentType: string; description?: string; data: Uint8Array }

export interface EdxmlResponseFor { organId: string; code: string; promulgationDate: string; documentId: string }

export interface EdxmlMessage {
  from: EdxmlOrgan; to: EdxmlOrgan[];
  documentId: string;                // OrganId,yyyy/MM/dd,Số/KýHiệu
  codeNumber: string; codeNotation: string;
  promulgation: { place: string; date: string };        // date yyyy-MM-dd
  documentType: { type: string; typeName: string };
  subject: string; content?: string;
  signer: { competence?: string; position: string; fullName: string };
  dueDate?: string; toPlaces: string[];
  priority: 0 | 1 | 2 | 3 | 4; sphereOfPromulgation?: string; typerNotation?: string; promulgationAmount?: number; pageAmount?: number;
  steeringType?: number;
  responseFor?: EdxmlResponseFor;
  trace: { organId: string; timestamp: string }[];
  business: { docType: 0 | 1 | 2 | 3; reason?: string; documentInfo?: string; replacements?: { documentId: string; organIds: string[] }[] };
  attachments: EdxmlAttachment[];
}

export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '14', '15', '16'] as const;
export type EdxmlStatusCode = (typeof STATUS_CODES)[number];

export interface EdxmlStatus {
  from: EdxmlOrgan; to?: EdxmlOrgan;
  responseFor: EdxmlResponseFor;
  statusCode: EdxmlStatusCode;
  description: string; timestamp: string;
  staff: { department: string; staff: string; mobile?: string; email?: string };
}

/** Signs bytes with RSASSA-PKCS1-v1_5 SHA-256. Async so that an AWS KMS key (Sign API) can be the signer. */
export interface EdxmlSigner {
  sign(data: Buffer): Promise<Buffer>;
  publicKeyPem: string;
  /** The signer's certificate, PEM, optionally followed by its chain: published in KeyInfo/X509Data when given. */
  certificatePem?: string;
}

/** What verifyEdxml found. Trust is the caller's decision: compare fingerprint (or certificatePem's chain) with the sender's known key. */
export type EdxmlVerification =
  | {
    valid: true;
    publicKeyPem: string;
    /** sha256 hex of the SPKI DER of the key that signed. */
    fingerprint: string;
    /** The certificate from KeyInfo, PEM, when the envelope carried one. */
    certificatePem?: string;
    /** The signed content (exclusive canonical XML of the envelope without its Signature): read data only from this. */
    signedXml: string;
  }
  | { valid: false; reason: string };

export type EdxmlErrorCode = 'MALFORMED_XML' | 'NOT_EDXML' | 'MISSING_ELEMENT' | 'INVALID_VALUE' | 'UNSIGNED' | 'BAD_SIGNATURE';

export class EdxmlError extends Error {
  constructor(readonly code: EdxmlErrorCode, message: string) {
    super(message);
    this.name = 'EdxmlError';
  }
}

// Value rules, shared by the builder and the parser so that nothing is written that would not be read back.
// Each returns what is wrong with the value, or undefined.
export type Rule = (value: string) => string | undefined;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DOCUMENT_ID = /^[^,]+,(\d{4})\/(\d{2})\/(\d{2}),.+$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

function dateParts(match: RegExpExecArray | null): boolean {
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export const rules = {
  date: (v) => (dateParts(DATE.exec(v)) ? undefined : 'must be a date yyyy-MM-dd'),
  documentId: (v) => (dateParts(DOCUMENT_ID.exec(v)) ? undefined : 'must be OrganId,yyyy/MM/dd,Số/KýHiệu'),
  timestamp: (v) => (dateParts(TIMESTAMP.exec(v)) ? undefined : 'must be an ISO 8601 date-time with an offset'),
  priority: (v) => (/^[0-4]$/.test(v) ? undefined : 'must be 0, 1, 2, 3 or 4'),
  businessDocType: (v) => (/^[0-3]$/.test(v) ? undefined : 'must be 0, 1, 2 or 3'),
  count: (v) => (/^\d{1,9}$/.test(v) ? undefined : 'must be a non-negative integer'),
  typeCode: (v) => (/^\d{1,9}$/.test(v) ? undefined : 'must be an integer type code'),
  statusCode: (v) => ((STATUS_CODES as readonly string[]).includes(v) ? undefined : `must be one of ${STATUS_CODES.join(', ')}`),
  contentId: (v) => (/^cid:[^\s<>]+$/.test(v) ? undefined : 'must be cid:<id>'),
  contentType: (v) => (/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/.test(v) ? undefined : 'must be a MIME type such as application/pdf'),
  noComma: (v) => (v.includes(',') ? 'must not contain a comma (it separates the parts of a DocumentId)' : undefined),
} satisfies Record<string, Rule>;

/** Characters XML 1.0 cannot carry, even escaped: most C0 controls, U+FFFE/U+FFFF and unpaired surrogates. */
export const NON_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Strict base64 (RFC 4648, whitespace allowed between characters as xs:base64Binary does): the canonical form only,
 * so that one text has one meaning and a changed character is never silently decoded to the same bytes.
 */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/[\t\n\r ]+/g, '');
  if (compact.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(compact) || /=[^=]/.test(compact) || /={3}$/.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  return bytes.toString('base64') === compact ? bytes : undefined;
}

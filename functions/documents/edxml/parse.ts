// edXML text → message or status, refusing anything this module would not have written: malformed XML, DOCTYPEs,
// missing or repeated elements, values outside the format. Errors name the element path.
import { DOMParser } from '@xmldom/xmldom';
import {
  EDXML_NS, EdxmlError, NON_XML_CHAR, decodeBase64, rules,
  type EdxmlAttachment, type EdxmlMessage, type EdxmlOrgan, type EdxmlResponseFor, type EdxmlStatus, type EdxmlStatusCode, type Rule,
} from './model';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const COMMENT_NODE = 8;
const DOCUMENT_TYPE_NODE = 10;

/** A DOCTYPE can only stand in the prolog: after the XML declaration, comments and processing instructions. */
const PROLOG_DOCTYPE = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<!DOCTYPE/i;

function malformed(message: string): never {
  throw new EdxmlError('MALFORMED_XML', message);
}

/** Every element and attribute prefix must be declared: xmldom 0.8 lets an undeclared one through. */
function checkNamespaces(element: Element): void {
  const pending: Element[] = [element];
  for (let el = pending.pop(); el; el = pending.pop()) {
    if (el.prefix && !el.namespaceURI) malformed(`undeclared namespace prefix on <${el.tagName}>`);
    for (let i = 0; i < el.attributes.length; i++) {
      const attr = el.attributes.item(i);
      if (attr?.prefix && attr.prefix !== 'xmlns' && !attr.namespaceURI) malformed(`undeclared namespace prefix on attribute ${attr.name} of <${el.tagName}>`);
    }
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) pending.push(n as Element);
  }
}

/**
 * Parses XML strictly: any parser warning or error is fatal, and DOCTYPE declarations are refused outright (entity
 * expansion and external entities are the classic XML attacks; edXML has no use for a DTD).
 */
export function parseXmlStrict(xml: string): Document {
  if (typeof xml !== 'string' || xml.trim() === '') malformed('the document is empty');
  const source = xml.replace(/^\uFEFF/, '');
  if (NON_XML_CHAR.test(source)) malformed('the document contains a character XML does not allow');
  // Looked for before parsing too: xmldom half-reads an internal subset, and the error it gives then hides the cause.
  if (PROLOG_DOCTYPE.test(source)) malformed('DOCTYPE declarations are not accepted');
  const problems: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({ errorHandler: (level: string, msg: unknown) => problems.push(`${level}: ${String(msg)}`) }).parseFromString(source, 'text/xml');
  } catch (error) {
    return malformed(`not well-formed XML: ${(error as Error).message}`);
  }
  if (problems.length > 0) malformed(`not well-formed XML: ${problems[0]!.replace(/\s*@#\[line:.*$/s, '').replace(/\s+/g, ' ')}`);
  for (let n = doc.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === DOCUMENT_TYPE_NODE) malformed('DOCTYPE declarations are not accepted');
    if (n.nodeType === TEXT_NODE && n.nodeValue?.trim()) malformed('text outside the root element');
  }
  if (!doc.documentElement) malformed('no root element');
  checkNamespaces(doc.documentElement);
  return doc;
}

/** An edXML element and its path, with typed readers for its children. */
class At {
  constructor(readonly el: Element, readonly path: string) {}

  fail(code: 'MISSING_ELEMENT' | 'INVALID_VALUE', name: string | undefined, problem: string): never {
    throw new EdxmlError(code, `${name ? `${this.path}/${name}` : this.path}: ${problem}`);
  }

  all(name: string): At[] {
    const found: Element[] = [];
    for (let n = this.el.firstChild; n; n = n.nextSibling) {
      const el = n as Element;
      if (n.nodeType === ELEMENT_NODE && el.namespaceURI === EDXML_NS && el.localName === name) found.push(el);
    }
    return found.map((el, i) => new At(el, `${this.path}/${name}${found.length > 1 ? `[${i + 1}]` : ''}`));
  }

  maybe(name: string): At | undefined {
    const found = this.all(name);
    if (found.length > 1) this.fail('INVALID_VALUE', name, `appears ${found.length} times, at most once is allowed`);
    return found[0];
  }

  one(name: string): At {
    return this.maybe(name) ?? this.fail('MISSING_ELEMENT', name, 'is required');
  }

  /** Text of a leaf element; element content where text is expected is refused rather than flattened. */
  text(): string {
    let value = '';
    for (let n = this.el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) value += n.nodeValue ?? '';
      else if (n.nodeType !== COMMENT_NODE) this.fail('INVALID_VALUE', undefined, 'must hold text only');
    }
    return value;
  }

  /** This element's own value: tokens are trimmed, free text kept exactly; blank is undefined. */
  value(token: boolean, rule?: Rule): string | undefined {
    const raw = this.text();
    const value = token ? raw.trim() : raw;
    if (value.trim() === '') return undefined;
    const problem = rule?.(value);
    if (problem) this.fail('INVALID_VALUE', undefined, `${problem} (got ${JSON.stringify(value.slice(0, 80))})`);
    return value;
  }

  /** This element's own value, which must not be blank. */
  required(token: boolean, rule?: Rule): string {
    return this.value(token, rule) ?? this.fail('INVALID_VALUE', undefined, 'must not be empty');
  }

  private leaf(name: string, required: boolean, token: boolean, rule?: Rule): string | undefined {
    if (required) return this.one(name).required(token, rule);
    // Empty optional elements (<edXML:Email/>) are common in the wild and mean "absent".
    return this.maybe(name)?.value(token, rule);
  }

  /** Identifiers, codes, dates and numbers: surrounding whitespace is not part of the value. */
  token(name: string, rule?: Rule): string {
    return this.leaf(name, true, true, rule)!;
  }

  optToken(name: string, rule?: Rule): string | undefined {
    return this.leaf(name, false, true, rule);
  }

  /** Free text (names, subject, content): kept exactly as written. */
  words(name: string): string {
    return this.leaf(name, true, false)!;
  }

  optWords(name: string): string | undefined {
    return this.leaf(name, false, false);
  }

  optNumber(name: string, rule: Rule): number | undefined {
    const value = this.optToken(name, rule);
    return value === undefined ? undefined : Number(value);
  }
}

/** Drops undefined optional fields, so that a parsed value deep-equals the one it was built from. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function readOrgan(at: At): EdxmlOrgan {
  return compact({
    organId: at.token('OrganId', rules.noComma),
    organName: at.words('OrganName'),
    organAdd: at.optWords('OrganAdd'),
    email: at.optToken('Email'),
    telephone: at.optToken('Telephone'),
    website: at.optToken('Website'),
  });
}

function readResponseFor(at: At): EdxmlResponseFor {
  return {
    organId: at.token('OrganId', rules.noComma),
    code: at.token('Code'),
    promulgationDate: at.token('PromulgationDate', rules.date),
    documentId: at.token('DocumentId', rules.documentId),
  };
}

function envelope(xml: string): { root: At; header: At } {
  const doc = parseXmlStrict(xml);
  const el = doc.documentElement!;
  if (el.namespaceURI !== EDXML_NS || el.localName !== 'edXMLEnvelope') {
    throw new EdxmlError('NOT_EDXML', `the root element is {${el.namespaceURI ?? ''}}${el.localName}, not edXML:edXMLEnvelope`);
  }
  const root = new At(el, 'edXMLEnvelope');
  return { root, header: root.one('edXMLHeader') };
}

function readAttachments(body: At): EdxmlAttachment[] {
  const manifest = body.one('edXMLManifest');
  const listed = new Map<string, { at: At; contentType: string; name: string; description?: string }>();
  for (const ref of manifest.all('Reference')) {
    const contentId = ref.token('ContentId', rules.contentId);
    if (listed.has(contentId)) ref.fail('INVALID_VALUE', 'ContentId', `${contentId} is listed twice`);
    listed.set(contentId, { at: ref, contentType: ref.token('ContentType', rules.contentType), name: ref.words('AttachmentName'), description: ref.optWords('Description') });
  }
  const data = new Map<string, Uint8Array>();
  for (const att of body.all('Attachment')) {
    const contentId = att.token('ContentId', rules.contentId);
    const entry = listed.get(contentId) ?? att.fail('INVALID_VALUE', 'ContentId', `${contentId} is not listed in edXMLManifest`);
    if (data.has(contentId)) att.fail('INVALID_VALUE', 'ContentId', `${contentId} is attached twice`);
    if (att.token('ContentType', rules.contentType) !== entry.contentType) att.fail('INVALID_VALUE', 'ContentType', 'differs from its edXMLManifest Reference');
    if (att.words('AttachmentName') !== entry.name) att.fail('INVALID_VALUE', 'AttachmentName', 'differs from its edXMLManifest Reference');
    const encoding = att.token('ContentTransferEncoded');
    if (encoding.toLowerCase() !== 'base64') att.fail('INVALID_VALUE', 'ContentTransferEncoded', `must be base64, got ${JSON.stringify(encoding)}`);
    const bytes = decodeBase64(att.one('Value').text()) ?? att.fail('INVALID_VALUE', 'Value', 'is not valid base64');
    data.set(contentId, new Uint8Array(bytes));
  }
  return [...listed].map(([contentId, entry]) => compact({
    contentId,
    name: entry.name,
    contentType: entry.contentType,
    description: entry.description,
    data: data.get(contentId) ?? body.fail('MISSING_ELEMENT', 'Attachment', `no attachment for ${contentId} listed in edXMLManifest`),
  }));
}

export function parseEdxml(xml: string): EdxmlMessage {
  const { root, header } = envelope(xml);
  const h = header.one('MessageHeader');
  const to = h.all('To');
  if (to.length === 0) h.fail('MISSING_ELEMENT', 'To', 'at least one recipient is required');
  const code = h.one('Code');
  const promulgation = h.one('PromulgationInfo');
  const type = h.one('DocumentType');
  const signer = h.one('SignerInfo');
  const other = h.one('OtherInfo');
  const responseFor = h.maybe('ResponseFor');
  const traceList = header.one('TraceHeaderList');
  const business = traceList.one('Bussiness');
  const replacements = business.maybe('ReplacementInfoList');

  return compact<EdxmlMessage>({
    from: readOrgan(h.one('From')),
    to: to.map(readOrgan),
    documentId: h.token('DocumentId', rules.documentId),
    codeNumber: code.token('CodeNumber'),
    codeNotation: code.token('CodeNotation'),
    promulgation: { place: promulgation.words('Place'), date: promulgation.token('PromulgationDate', rules.date) },
    documentType: { type: type.token('Type', rules.typeCode), typeName: type.words('TypeName') },
    subject: h.words('Subject'),
    content: h.optWords('Content'),
    signer: compact({ competence: signer.optWords('Competence'), position: signer.words('Position'), fullName: signer.words('FullName') }),
    dueDate: h.optToken('DueDate', rules.date),
    toPlaces: h.one('ToPlaces').all('Place').map((p) => p.required(false)),
    priority: Number(other.token('Priority', rules.priority)) as EdxmlMessage['priority'],
    sphereOfPromulgation: other.optWords('SphereOfPromulgation'),
    typerNotation: other.optWords('TyperNotation'),
    promulgationAmount: other.optNumber('PromulgationAmount', rules.count),
    pageAmount: other.optNumber('PageAmount', rules.count),
    steeringType: h.optNumber('SteeringType', rules.count),
    responseFor: responseFor && readResponseFor(responseFor),
    trace: traceList.all('TraceHeader').map((t) => ({ organId: t.token('OrganId', rules.noComma), timestamp: t.token('Timestamp', rules.timestamp) })),
    business: compact({
      docType: Number(business.token('BussinessDocType', rules.businessDocType)) as EdxmlMessage['business']['docType'],
      reason: business.optWords('BussinessDocReason'),
      documentInfo: business.optWords('BussinessDocumentInfo'),
      replacements: replacements?.all('ReplacementInfo').map((r) => ({
        documentId: r.token('DocumentId', rules.documentId),
        organIds: r.one('OrganIdList').all('OrganId').map((o) => o.required(true, rules.noComma)),
      })),
    }),
    attachments: readAttachments(root.one('edXMLBody')),
  });
}

export function parseStatusEdxml(xml: string): EdxmlStatus {
  const { root, header } = envelope(xml);
  root.one('edXMLBody');
  const s = header.one('Status');
  const to = s.maybe('To');
  const staff = s.one('StaffInfo');
  return compact<EdxmlStatus>({
    from: readOrgan(s.one('From')),
    to: to && readOrgan(to),
    responseFor: readResponseFor(s.one('ResponseFor')),
    statusCode: s.token('StatusCode', rules.statusCode) as EdxmlStatusCode,
    description: s.words('Description'),
    timestamp: s.token('Timestamp', rules.timestamp),
    staff: compact({ department: staff.words('Department'), staff: staff.words('Staff'), mobile: staff.optToken('Mobile'), email: staff.optToken('Email') }),
  });
}

export function kindOfEdxml(xml: string): 'message' | 'status' {
  const { header } = envelope(xml);
  const message = header.maybe('MessageHeader');
  const status = header.maybe('Status');
  if (message && !status) return 'message';
  if (status && !message) return 'status';
  throw new EdxmlError('NOT_EDXML', message ? 'edXMLHeader holds both MessageHeader and Status' : 'edXMLHeader holds neither MessageHeader nor Status');
}

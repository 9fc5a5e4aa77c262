// Message and status → edXML text (unsigned). Every value is checked by the rules the parser applies, so a built
// envelope always parses back to the same values; a bad value throws EdxmlError with its element path.
import {
  EDXML_NS, EdxmlError, NON_XML_CHAR, rules,
  type EdxmlAttachment, type EdxmlMessage, type EdxmlOrgan, type EdxmlResponseFor, type EdxmlStatus, type Rule,
} from './model';

function escapeText(value: string): string {
  // \r is written as a reference: a literal one would be read back as \n (XML end-of-line handling).
  return value.replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' })[c] ?? c);
}

/** Writes indented edXML elements and knows the path of the element being written, for error messages. */
class Writer {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private readonly stack: string[] = [];

  private path(name?: string): string {
    return [...this.stack, ...(name ? [name] : [])].join('/');
  }

  private indent(): string {
    return '  '.repeat(this.stack.length);
  }

  open(name: string, attributes = ''): this {
    this.lines.push(`${this.indent()}<edXML:${name}${attributes}>`);
    this.stack.push(name);
    return this;
  }

  close(): this {
    const name = this.stack.pop();
    this.lines.push(`${this.indent()}</edXML:${name}>`);
    return this;
  }

  empty(name: string): this {
    this.lines.push(`${this.indent()}<edXML:${name}/>`);
    return this;
  }

  fail(code: 'MISSING_ELEMENT' | 'INVALID_VALUE', name: string | undefined, problem: string): never {
    throw new EdxmlError(code, `${this.path(name)}: ${problem}`);
  }

  /**
   * An element holding text. Tokens (identifiers, codes, dates, numbers) are compared trimmed when read, so here they
   * must not carry surrounding whitespace; free text is kept exactly. Empty optional values are left out.
   */
  private leaf(name: string, value: unknown, { required, token, rule }: { required: boolean; token: boolean; rule?: Rule }): this {
    if (value === undefined || value === null || value === '') {
      if (!required) return this;
      return this.fail(value === '' ? 'INVALID_VALUE' : 'MISSING_ELEMENT', name, value === '' ? 'must not be empty' : 'is required');
    }
    if (typeof value !== 'string') return this.fail('INVALID_VALUE', name, 'must be a string');
    if (NON_XML_CHAR.test(value)) this.fail('INVALID_VALUE', name, 'contains a character XML cannot carry');
    if (token && value.trim() !== value) this.fail('INVALID_VALUE', name, 'must not start or end with whitespace');
    if (!token && value.trim() === '') this.fail('INVALID_VALUE', name, 'must not be blank');
    const problem = rule?.(value);
    if (problem) this.fail('INVALID_VALUE', name, problem);
    this.lines.push(`${this.indent()}<edXML:${name}>${escapeText(value)}</edXML:${name}>`);
    return this;
  }

  token(name: string, value: unknown, rule?: Rule): this {
    return this.leaf(name, value, { required: true, token: true, rule });
  }

  optToken(name: string, value: unknown, rule?: Rule): this {
    return this.leaf(name, value, { required: false, token: true, rule });
  }

  text(name: string, value: unknown): this {
    return this.leaf(name, value, { required: true, token: false });
  }

  optText(name: string, value: unknown): this {
    return this.leaf(name, value, { required: false, token: false });
  }

  /** Numbers are written in decimal and checked as the text the parser will see (so 1.5, -1 and NaN are refused). */
  number(name: string, value: unknown, rule: Rule, required: boolean): this {
    if (value === undefined || value === null) return required ? this.fail('MISSING_ELEMENT', name, 'is required') : this;
    if (typeof value !== 'number') return this.fail('INVALID_VALUE', name, 'must be a number');
    return this.token(name, String(value), rule);
  }

  list<T>(name: string, items: unknown, each: (item: T, index: number) => void): void {
    if (!Array.isArray(items)) this.fail('MISSING_ELEMENT', name, 'must be a list');
    (items as T[]).forEach(each);
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function organ(w: Writer, name: string, o: EdxmlOrgan | undefined): void {
  if (!o || typeof o !== 'object') w.fail('MISSING_ELEMENT', name, 'is required');
  w.open(name)
    .token('OrganId', o.organId, rules.noComma)
    .text('OrganName', o.organName)
    .optText('OrganAdd', o.organAdd)
    .optToken('Email', o.email)
    .optToken('Telephone', o.telephone)
    .optToken('Website', o.website)
    .close();
}

function responseFor(w: Writer, r: EdxmlResponseFor | undefined): void {
  if (!r || typeof r !== 'object') w.fail('MISSING_ELEMENT', 'ResponseFor', 'is required');
  w.open('ResponseFor')
    .token('OrganId', r.organId, rules.noComma)
    .token('Code', r.code)
    .token('PromulgationDate', r.promulgationDate, rules.date)
    .token('DocumentId', r.documentId, rules.documentId)
    .close();
}

function formatOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : undefined;
}

function manifestAndAttachments(w: Writer, attachments: EdxmlAttachment[]): void {
  if (!Array.isArray(attachments)) w.fail('MISSING_ELEMENT', 'edXMLManifest', 'attachments must be a list');
  const seen = new Set<string>();
  for (const a of attachments) {
    if (seen.has(a.contentId)) w.fail('INVALID_VALUE', 'edXMLManifest', `ContentId ${a.contentId} is used twice`);
    seen.add(a.contentId);
  }
  w.open('edXMLManifest');
  attachments.forEach((a) => {
    w.open('Reference')
      .token('ContentId', a.contentId, rules.contentId)
      .token('ContentType', a.contentType, rules.contentType)
      .text('AttachmentName', a.name)
      .optText('Description', a.description)
      .close();
  });
  w.close();
  attachments.forEach((a) => {
    w.open('Attachment')
      .token('ContentId', a.contentId, rules.contentId)
      .text('AttachmentName', a.name)
      .token('ContentType', a.contentType, rules.contentType)
      .token('ContentTransferEncoded', 'base64')
      .optToken('Format', formatOf(a.name));
    if (!(a.data instanceof Uint8Array)) w.fail('INVALID_VALUE', 'Value', 'attachment data must be a Uint8Array');
    w.token('Value', Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).toString('base64')).close();
  });
}

export function buildEdxml(message: EdxmlMessage): string {
  const m = message;
  const w = new Writer();
  w.open('edXMLEnvelope', ` xmlns:edXML="${EDXML_NS}"`).open('edXMLHeader').open('MessageHeader');
  organ(w, 'From', m.from);
  if (!Array.isArray(m.to) || m.to.length === 0) w.fail('MISSING_ELEMENT', 'To', 'at least one recipient is required');
  m.to.forEach((to) => organ(w, 'To', to));
  w.token('DocumentId', m.documentId, rules.documentId)
    .open('Code').token('CodeNumber', m.codeNumber).token('CodeNotation', m.codeNotation).close()
    .open('PromulgationInfo').text('Place', m.promulgation?.place).token('PromulgationDate', m.promulgation?.date, rules.date).close()
    .open('DocumentType').token('Type', m.documentType?.type, rules.typeCode).text('TypeName', m.documentType?.typeName).close()
    .text('Subject', m.subject)
    .optText('Content', m.content)
    .open('SignerInfo').optText('Competence', m.signer?.competence).text('Position', m.signer?.position).text('FullName', m.signer?.fullName).close()
    .optToken('DueDate', m.dueDate, rules.date);
  if (m.toPlaces?.length) {
    w.open('ToPlaces');
    w.list<string>('Place', m.toPlaces, (place) => w.text('Place', place));
    w.close();
  } else {
    if (!Array.isArray(m.toPlaces)) w.fail('MISSING_ELEMENT', 'ToPlaces', 'must be a list');
    w.empty('ToPlaces');
  }
  w.open('OtherInfo')
    .number('Priority', m.priority, rules.priority, true)
    .optText('SphereOfPromulgation', m.sphereOfPromulgation)
    .optText('TyperNotation', m.typerNotation)
    .number('PromulgationAmount', m.promulgationAmount, rules.count, false)
    .number('PageAmount', m.pageAmount, rules.count, false)
    .close()
    .number('SteeringType', m.steeringType, rules.count, false);
  if (m.responseFor !== undefined) responseFor(w, m.responseFor);
  w.close();

  w.open('TraceHeaderList');
  w.list<EdxmlMessage['trace'][number]>('TraceHeader', m.trace, (t) => {
    w.open('TraceHeader').token('OrganId', t.organId, rules.noComma).token('Timestamp', t.timestamp, rules.timestamp).close();
  });
  const b = m.business;
  if (!b || typeof b !== 'object') w.fail('MISSING_ELEMENT', 'Bussiness', 'is required');
  w.open('Bussiness')
    .number('BussinessDocType', b.docType, rules.businessDocType, true)
    .optText('BussinessDocReason', b.reason)
    .optText('BussinessDocumentInfo', b.documentInfo);
  if (b.replacements !== undefined) {
    w.open('ReplacementInfoList');
    w.list<NonNullable<typeof b.replacements>[number]>('ReplacementInfo', b.replacements, (r) => {
      w.open('ReplacementInfo').token('DocumentId', r.documentId, rules.documentId).open('OrganIdList');
      w.list<string>('OrganId', r.organIds, (id) => w.token('OrganId', id, rules.noComma));
      w.close().close();
    });
    w.close();
  }
  w.close().close().close();

  w.open('edXMLBody');
  manifestAndAttachments(w, m.attachments);
  return w.close().close().toString();
}

export function buildStatusEdxml(status: EdxmlStatus): string {
  const s = status;
  const w = new Writer();
  w.open('edXMLEnvelope', ` xmlns:edXML="${EDXML_NS}"`).open('edXMLHeader').open('Status');
  responseFor(w, s.responseFor);
  organ(w, 'From', s.from);
  if (s.to !== undefined) organ(w, 'To', s.to);
  w.token('StatusCode', s.statusCode, rules.statusCode)
    .text('Description', s.description)
    .token('Timestamp', s.timestamp, rules.timestamp);
  if (!s.staff || typeof s.staff !== 'object') w.fail('MISSING_ELEMENT', 'StaffInfo', 'is required');
  w.open('StaffInfo')
    .text('Department', s.staff.department)
    .text('Staff', s.staff.staff)
    .optToken('Mobile', s.staff.mobile)
    .optToken('Email', s.staff.email)
    .close();
  w.close().close().empty('edXMLBody');
  return w.close().toString();
}

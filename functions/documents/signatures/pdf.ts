// Finds the signature dictionaries of a PDF: every indirect object holding a /ByteRange key is read with a small
// object parser (strings, hex strings, names, numbers, arrays, dictionaries), and each dictionary in it that has
// /ByteRange is one signature. No cross-reference table is needed: signature dictionaries are never in object
// streams (their offsets must be signable), and a file whose xref is broken must still be checked.
// The file is read as Latin-1, one character a byte, so string offsets are byte offsets.

export interface PdfSignatureDictionary {
  /** Byte offset of the dictionary's `<<` (of the object, when it could not be read). */
  offset: number;
  /** Set when the object holding /ByteRange is not valid PDF syntax: nothing else is then known. */
  malformed?: boolean;
  /** Repeated keys: readers may pick different values, so such a dictionary is not trusted. */
  duplicateKeys?: boolean;
  /** The /ByteRange numbers as written; undefined unless it is an array of non-negative integers. */
  byteRange?: number[];
  /** The /Contents hex string: byte offsets of its `<` and just after its `>`, and its digits. */
  contents?: { start: number; end: number; hex: string };
  type?: string;
  subFilter?: string;
  /** /M as written (a PDF date, `D:YYYYMMDDHHmmSS+07'00'`). */
  m?: string;
  name?: string;
  reason?: string;
  location?: string;
}

type PdfValue =
  | { kind: 'dict'; start: number; entries: Map<string, PdfValue>; duplicateKeys: boolean }
  | { kind: 'array'; items: PdfValue[] }
  | { kind: 'string'; bytes: Buffer }
  | { kind: 'hex'; start: number; end: number; digits: string }
  | { kind: 'name'; name: string }
  | { kind: 'number'; value: number; integer: boolean }
  | { kind: 'other' };

class PdfSyntaxError extends Error {}

const WS = '[\\0\\t\\n\\f\\r ]';
const REGULAR_END = '(?![^\\0\\t\\n\\f\\r ()<>[\\]{}/%])';
// (?<!\d): without it, each digit of a long run (a /Contents placeholder) would restart the match, quadratically.
const OBJECT_HEADER = new RegExp(`(?<!\\d)\\d+${WS}+\\d+${WS}+obj${REGULAR_END}`, 'g');
const BYTE_RANGE_KEY = new RegExp(`/ByteRange${REGULAR_END}`, 'g');
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)/y;
const REFERENCE_TAIL = new RegExp(`${WS}+\\d+${WS}+R${REGULAR_END}`, 'y');
const MAX_DEPTH = 32;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelimiter = (c: number) => '()<>[]{}/%'.includes(String.fromCharCode(c));

class Parser {
  pos = 0;
  // `text` is one object's span (up to the next object header, so that a broken object costs its own length only);
  // `base` turns positions in it back into file offsets.
  constructor(private readonly text: string, private readonly base: number) {}

  value(depth: number): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('nested too deep');
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) throw new PdfSyntaxError('unexpected end');
    if (c === '<') return this.text[this.pos + 1] === '<' ? this.dict(depth) : this.hex();
    if (c === '(') return { kind: 'string', bytes: this.literal() };
    if (c === '[') return this.array(depth);
    if (c === '/') return { kind: 'name', name: this.name() };
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.pos += number[0].length;
      REFERENCE_TAIL.lastIndex = this.pos;
      if (/^\d+$/.test(number[0]) && REFERENCE_TAIL.exec(this.text)) {
        this.pos = REFERENCE_TAIL.lastIndex;
        return { kind: 'other' };
      }
      return { kind: 'number', value: Number(number[0]), integer: /^\+?\d+$/.test(number[0]) };
    }
    if (!this.regular()) throw new PdfSyntaxError(`unexpected ${c}`);
    return { kind: 'other' }; // true, false, null
  }

  private dict(depth: number): PdfValue {
    const start = this.base + this.pos;
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    let duplicateKeys = false;
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith('>>', this.pos)) {
        this.pos += 2;
        return { kind: 'dict', start, entries, duplicateKeys };
      }
      if (this.text[this.pos] !== '/') throw new PdfSyntaxError('expected a key');
      const key = this.name();
      const value = this.value(depth + 1);
      if (entries.has(key)) duplicateKeys = true;
      else entries.set(key, value);
    }
  }

  private array(depth: number): PdfValue {
    this.pos += 1;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos += 1;
        return { kind: 'array', items };
      }
      items.push(this.value(depth + 1));
    }
  }

  private hex(): PdfValue {
    const start = this.pos;
    const end = this.text.indexOf('>', start);
    if (end < 0) throw new PdfSyntaxError('unterminated hex string');
    const digits = this.text.slice(start + 1, end).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9A-Fa-f]*$/.test(digits)) throw new PdfSyntaxError('bad hex string');
    this.pos = end + 1;
    return { kind: 'hex', start: this.base + start, end: this.base + end + 1, digits };
  }

  private literal(): Buffer {
    const out: number[] = [];
    let depth = 1;
    this.pos += 1;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x5c) { // backslash
        const e = this.text[this.pos++];
        const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.pos - 1, this.pos + 2));
        if (octal) {
          out.push(parseInt(octal[0], 8) & 0xff);
          this.pos += octal[0].length - 1;
        } else if (e === '\r') {
          if (this.text[this.pos] === '\n') this.pos++; // a line continuation
        } else if (e !== '\n' && e !== undefined) {
          const escaped = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c }[e as 'n'];
          out.push(escaped ?? e.charCodeAt(0));
        }
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) return Buffer.from(out);
        out.push(c);
      } else {
        out.push(c);
      }
    }
    throw new PdfSyntaxError('unterminated string');
  }

  private name(): string {
    this.pos += 1;
    return this.regular().replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }

  private regular(): string {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (isSpace(c) || isDelimiter(c)) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (isSpace(c)) this.pos++;
      else if (c === 0x25) { // a comment runs to the end of the line
        while (this.pos < this.text.length && this.text[this.pos] !== '\n' && this.text[this.pos] !== '\r') this.pos++;
      } else break;
    }
  }
}

export function findSignatureDictionaries(file: Buffer): PdfSignatureDictionary[] {
  const text = file.toString('latin1');
  const headers = [...text.matchAll(OBJECT_HEADER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const holders = new Set<number>();
  for (const key of text.matchAll(BYTE_RANGE_KEY)) {
    // The object holding this key is the last one whose header precedes it; a key outside every object is ignored.
    let lo = 0;
    let hi = headers.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (headers[mid]!.start < key.index) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found >= 0) holders.add(found);
  }
  const out: PdfSignatureDictionary[] = [];
  for (const index of [...holders].sort((a, b) => a - b)) {
    const header = headers[index]!;
    const spanEnd = headers[index + 1]?.start ?? text.length;
    let value: PdfValue;
    try {
      value = new Parser(text.slice(header.end, spanEnd), header.end).value(0);
    } catch (error) {
      if (!(error instanceof PdfSyntaxError)) throw error;
      out.push({ offset: header.start, malformed: true });
      continue;
    }
    collect(value, out);
  }
  return out;
}

function collect(value: PdfValue, out: PdfSignatureDictionary[]): void {
  if (value.kind === 'array') value.items.forEach((item) => collect(item, out));
  if (value.kind !== 'dict') return;
  const entries = value.entries;
  if (entries.has('ByteRange')) out.push(describe(value.start, entries, value.duplicateKeys));
  // A field dictionary may hold its signature dictionary directly under /V.
  for (const [key, child] of entries) if (key !== 'ByteRange' && key !== 'Contents') collect(child, out);
}

function describe(offset: number, entries: Map<string, PdfValue>, duplicateKeys: boolean): PdfSignatureDictionary {
  const sig: PdfSignatureDictionary = { offset };
  if (duplicateKeys) sig.duplicateKeys = true;
  const range = entries.get('ByteRange');
  if (range?.kind === 'array' && range.items.every((i) => i.kind === 'number' && i.integer && Number.isSafeInteger(i.value))) {
    sig.byteRange = range.items.map((i) => (i as { value: number }).value);
  }
  const contents = entries.get('Contents');
  if (contents?.kind === 'hex') sig.contents = { start: contents.start, end: contents.end, hex: contents.digits };
  const name = (key: string) => { const v = entries.get(key); return v?.kind === 'name' ? v.name : undefined; };
  const textOf = (key: string) => {
    const v = entries.get(key);
    if (v?.kind === 'string') return decodeText(v.bytes);
    if (v?.kind === 'hex') return decodeText(Buffer.from(v.digits.length % 2 ? `${v.digits}0` : v.digits, 'hex'));
    return undefined;
  };
  const fields = { type: name('Type'), subFilter: name('SubFilter'), m: textOf('M'), name: textOf('Name'), reason: textOf('Reason'), location: textOf('Location') };
  for (const [key, v] of Object.entries(fields)) if (v !== undefined) sig[key as keyof typeof fields] = v;
  return sig;
}

/** A PDF text string: UTF-16BE or UTF-8 after their byte-order mark, else PDFDocEncoding (Latin-1 for text). */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const utf16 = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1))).swap16().toString('utf16le');
    return utf16.replace(/\u001b[^\u001b]*\u001b/g, ''); // language tags (ISO 32000 7.9.2.2)
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

/**
 * A PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`, all but the year optional) as ISO 8601. Without a zone the offset is
 * unknown (ISO 32000 7.9.4): it is read as UTC so that the result is still one instant. undefined when not a date.
 */
export function pdfDateToIso(value: string): string | undefined {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)(?:00'?00'?)?|([+-])(\d{2})'?(?:(\d{2})'?)?)?$/
    .exec(value.trim());
  if (!match) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', , sign, oh, om = '00'] = match;
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Number(oh ?? 0) > 23 || Number(om) > 59) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign ? `${sign}${oh}:${om}` : 'Z'}`;
}

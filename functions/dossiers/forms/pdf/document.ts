// A small PDF 1.7 writer for the forms: A4 pages of text and lines, TrueType fonts embedded as subsets (Type0 /
// CIDFontType2, Identity-H, a ToUnicode map so the text can be selected, searched and extracted). Output is
// deterministic: the same input gives the same bytes (no clock, no random subset tag), so a form has one SHA-256.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { TrueTypeFont } from './truetype';

/** A4 in points (210 × 297 mm). */
export const A4 = { width: 595.28, height: 841.89 } as const;

const num = (n: number): string => {
  const fixed = n.toFixed(2);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
};

/** A PDF text string: UTF-16BE with its byte order mark, as hex (any Vietnamese text, no escaping to get wrong). */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** `D:20261124143000+07'00'` for an instant, in Vietnam's time. */
export function pdfDate(instant: Date): string {
  const t = new Date(instant.getTime() + 7 * 3_600_000).toISOString();
  return `(D:${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}+07'00')`;
}

/** A font as a document uses it: what it can print, how wide that is, and which glyphs were used. */
export class PdfFont {
  /** glyph → the text it stands for (for ToUnicode). */
  readonly used = new Map<number, string>();
  private readonly scale: number;

  constructor(readonly ttf: TrueTypeFont, readonly resourceName: string) {
    this.scale = 1000 / ttf.unitsPerEm;
  }

  /**
   * The text as this font prints it: NFC (Vietnamese letters precomposed, as the font's cmap has them), line
   * breaks and tabs as spaces, a letter the font lacks as its base letter when it has one, anything else as '?'.
   */
  printable(text: string): string {
    let out = '';
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      if (this.ttf.glyphOf(cp) !== 0) out += ch;
      else if (/\s/.test(ch)) out += ' ';
      else {
        const base = [...ch.normalize('NFD')].filter((c) => this.ttf.glyphOf(c.codePointAt(0)!) !== 0).join('');
        out += base || '?';
      }
    }
    return out;
  }

  /** Width in points of printable text at this size. */
  width(text: string, size: number): number {
    let units = 0;
    for (const ch of text) units += this.ttf.advanceOf(this.ttf.glyphOf(ch.codePointAt(0)!));
    return (units * this.scale * size) / 1000;
  }

  /** The glyph ids of printable text as a PDF hex string (two bytes each, Identity-H). */
  encode(text: string): string {
    let hex = '';
    for (const ch of text) {
      const glyph = this.ttf.glyphOf(ch.codePointAt(0)!);
      if (!this.used.has(glyph)) this.used.set(glyph, ch);
      hex += glyph.toString(16).padStart(4, '0');
    }
    return `<${hex.toUpperCase()}>`;
  }

  /**
   * A TJ array that widens every space by `extra` points at `size` (justified lines: with two-byte codes the
   * PDF's word spacing operator does not apply). The spaces stay in the text, so it extracts as written.
   */
  encodeSpaced(text: string, extra: number, size: number): string {
    const shift = num((-extra * 1000) / size);
    return `[${text.split(/(?<= )/).map((part) => this.encode(part)).join(` ${shift} `)}]`;
  }

  widthOf(glyph: number): number {
    return Math.round(this.ttf.advanceOf(glyph) * this.scale);
  }
}

export class PdfPage {
  readonly ops: string[] = [];
  readonly fonts = new Set<PdfFont>();

  /** Text with its baseline starting at (x, y), y from the bottom of the page; `spaceExtra` widens each space. */
  text(text: string, x: number, y: number, font: PdfFont, size: number, spaceExtra = 0): void {
    if (!text) return;
    this.fonts.add(font);
    const shown = spaceExtra > 0 && text.includes(' ') ? `${font.encodeSpaced(text, spaceExtra, size)} TJ` : `${font.encode(text)} Tj`;
    this.ops.push(`BT /${font.resourceName} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm ${shown} ET`);
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.5): void {
    this.ops.push(`${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  rect(x: number, y: number, w: number, h: number, width = 0.5): void {
    this.ops.push(`${num(width)} w ${num(x)} ${num(y)} ${num(w)} ${num(h)} re S`);
  }
}

export interface PdfInfo {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** CreationDate and ModDate: the date of the content, never the clock (so the bytes are reproducible). */
  date: Date;
  /** BCP 47, e.g. vi-VN. */
  lang: string;
}

export class PdfDocument {
  readonly pages: PdfPage[] = [];

  constructor(private readonly info: PdfInfo) {}

  addPage(): PdfPage {
    const page = new PdfPage();
    this.pages.push(page);
    return page;
  }

  save(): Uint8Array {
    const objects: (Buffer | undefined)[] = [];
    const alloc = () => objects.push(undefined);
    const set = (ref: number, body: string | Buffer) => {
      objects[ref - 1] = Buffer.concat([Buffer.from(`${ref} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    };
    const stream = (dict: string, data: Uint8Array, extra = '') => {
      const packed = deflateSync(data, { level: 9 });
      return Buffer.concat([Buffer.from(`<< ${dict ? `${dict} ` : ''}/Filter /FlateDecode /Length ${packed.length}${extra} >>\nstream\n`, 'latin1'), packed, Buffer.from('\nendstream', 'latin1')]);
    };

    const catalog = alloc();
    const pagesRef = alloc();
    const infoRef = alloc();
    const fonts = [...new Set(this.pages.flatMap((p) => [...p.fonts]))];
    const fontRefs = new Map(fonts.map((f) => [f, this.embedFont(f, alloc, set, stream)]));

    const pageRefs = this.pages.map((page) => {
      const ref = alloc();
      const contents = alloc();
      set(contents, stream('', Buffer.from(page.ops.join('\n'), 'latin1')));
      const fontDict = [...page.fonts].map((f) => `/${f.resourceName} ${fontRefs.get(f)} 0 R`).join(' ');
      set(ref, `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${num(A4.width)} ${num(A4.height)}] /Resources << /Font << ${fontDict} >> >> /Contents ${contents} 0 R >>`);
      return ref;
    });
    set(pagesRef, `<< /Type /Pages /Kids [${pageRefs.map((r) => `${r} 0 R`).join(' ')}] /Count ${pageRefs.length} >>`);
    set(catalog, `<< /Type /Catalog /Pages ${pagesRef} 0 R /Lang (${this.info.lang}) /ViewerPreferences << /DisplayDocTitle true >> >>`);
    const date = pdfDate(this.info.date);
    const infoEntries = [
      `/Title ${pdfTextString(this.info.title)}`,
      this.info.subject ? `/Subject ${pdfTextString(this.info.subject)}` : '',
      this.info.author ? `/Author ${pdfTextString(this.info.author)}` : '',
      this.info.keywords ? `/Keywords ${pdfTextString(this.info.keywords)}` : '',
      `/Creator ${pdfTextString('Tỉnh Số')} /Producer ${pdfTextString('Tỉnh Số forms')}`,
      `/CreationDate ${date} /ModDate ${date}`,
    ].filter(Boolean);
    set(infoRef, `<< ${infoEntries.join(' ')} >>`);

    const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
    const offsets: number[] = [];
    let size = parts[0]!.length;
    for (const obj of objects) {
      if (!obj) throw new Error('a PDF object was allocated and never written');
      offsets.push(size);
      parts.push(obj);
      size += obj.length;
    }
    const body = Buffer.concat(parts);
    const id = createHash('md5').update(body).digest('hex').toUpperCase();
    const xref = [
      'xref', `0 ${objects.length + 1}`, '0000000000 65535 f ',
      ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
      'trailer', `<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoRef} 0 R /ID [<${id}> <${id}>] >>`,
      'startxref', String(body.length), '%%EOF', '',
    ].join('\n');
    return new Uint8Array(Buffer.concat([body, Buffer.from(xref, 'latin1')]));
  }

  /** Type0 font → CIDFontType2 → descriptor → FontFile2 (the subset), and ToUnicode. Returns the Type0's ref. */
  private embedFont(font: PdfFont, alloc: () => number, set: (ref: number, body: string | Buffer) => void,
    stream: (dict: string, data: Uint8Array, extra?: string) => Buffer): number {
    const ttf = font.ttf;
    const glyphs = [...font.used.keys()].sort((a, b) => a - b);
    const tagHash = createHash('sha256').update(`${ttf.postscriptName}:${glyphs.join(',')}`).digest();
    const tag = Array.from(tagHash.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    const baseFont = `/${tag}+${ttf.postscriptName}`;
    const k = 1000 / ttf.unitsPerEm;

    const type0 = alloc();
    const cidFont = alloc();
    const descriptor = alloc();
    const file = alloc();
    const toUnicode = alloc();
    const subset = ttf.subset(glyphs);
    set(file, stream('', subset, ` /Length1 ${subset.length}`));
    const flags = 2 /* serif */ + 32 /* nonsymbolic */ + (ttf.italic ? 64 : 0);
    set(descriptor, `<< /Type /FontDescriptor /FontName ${baseFont} /Flags ${flags} /FontBBox [${ttf.bbox.map((v) => Math.round(v * k)).join(' ')}] `
      + `/ItalicAngle ${num(ttf.italicAngle)} /Ascent ${Math.round(ttf.ascent * k)} /Descent ${Math.round(ttf.descent * k)} `
      + `/CapHeight ${Math.round(ttf.capHeight * k)} /StemV ${ttf.bold ? 140 : 80} /FontFile2 ${file} 0 R >>`);
    set(cidFont, `<< /Type /Font /Subtype /CIDFontType2 /BaseFont ${baseFont} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> `
      + `/FontDescriptor ${descriptor} 0 R /W [${widthsArray(glyphs, (g) => font.widthOf(g))}] /CIDToGIDMap /Identity >>`);
    set(toUnicode, stream('', Buffer.from(toUnicodeCmap(glyphs.map((g) => [g, font.used.get(g)!])), 'latin1')));
    set(type0, `<< /Type /Font /Subtype /Type0 /BaseFont ${baseFont} /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`);
    return type0;
  }
}

/** `/W`: runs of consecutive glyph ids, `first [w1 w2 …]`. */
function widthsArray(glyphs: number[], widthOf: (glyph: number) => number): string {
  const runs: string[] = [];
  let i = 0;
  while (i < glyphs.length) {
    const first = glyphs[i]!;
    const widths = [widthOf(first)];
    while (i + 1 < glyphs.length && glyphs[i + 1] === glyphs[i]! + 1) widths.push(widthOf(glyphs[++i]!));
    runs.push(`${first} [${widths.join(' ')}]`);
    i++;
  }
  return runs.join(' ');
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();

function toUnicodeCmap(entries: [number, string][]): string {
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar`);
    for (const [glyph, text] of chunk) {
      let utf16 = '';
      for (let j = 0; j < text.length; j++) utf16 += hex4(text.charCodeAt(j));
      blocks.push(`<${hex4(glyph)}> <${utf16}>`);
    }
    blocks.push('endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def', '/CMapName /Adobe-Identity-UCS def', '/CMapType 2 def',
    '1 begincodespacerange', '<0000> <FFFF>', 'endcodespacerange',
    ...blocks,
    'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end',
  ].join('\n');
}

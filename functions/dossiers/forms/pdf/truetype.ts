// Just enough of TrueType for PDF: the metrics a layout needs (cmap, advance widths, ascent…) and a subset that
// keeps only the outlines a document prints. Glyph ids are kept (unused glyphs become empty), so the PDF maps
// character codes to glyphs with /CIDToGIDMap /Identity and no renumbering.

export interface TrueTypeFont {
  /** The PostScript name (name table id 6), e.g. `NotoSerif-Regular`. */
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  /** Degrees, counter-clockwise from vertical (negative for a right-leaning italic). */
  italicAngle: number;
  bbox: [number, number, number, number];
  bold: boolean;
  italic: boolean;
  numGlyphs: number;
  /** The glyph of a code point, 0 (.notdef) when the font has none. */
  glyphOf(codePoint: number): number;
  /** Advance width in font units. */
  advanceOf(glyph: number): number;
  /** A font file with the outlines of these glyphs only (and of .notdef and every component they use). */
  subset(glyphs: Iterable<number>): Uint8Array;
}

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

export function parseTrueType(bytes: Uint8Array): TrueTypeFont {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new Error('not a TrueType font');
  const tables = new Map<string, TableRecord>();
  for (let i = 0, n = view.getUint16(4); i < n; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    tables.set(tag, { tag, offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const table = (tag: string): TableRecord => {
    const t = tables.get(tag);
    if (!t) throw new Error(`the font has no ${tag} table`);
    return t;
  };

  const head = table('head').offset;
  const unitsPerEm = view.getUint16(head + 18);
  const bbox: [number, number, number, number] = [view.getInt16(head + 36), view.getInt16(head + 38), view.getInt16(head + 40), view.getInt16(head + 42)];
  const macStyle = view.getUint16(head + 44);
  const longLoca = view.getInt16(head + 50) === 1;
  const hhea = table('hhea').offset;
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const numGlyphs = view.getUint16(table('maxp').offset + 4);
  const os2 = tables.get('OS/2');
  const ascent = os2 ? view.getInt16(os2.offset + 68) : view.getInt16(hhea + 4);
  const descent = os2 ? view.getInt16(os2.offset + 70) : view.getInt16(hhea + 6);
  const capHeight = os2 && view.getUint16(os2.offset) >= 2 ? view.getInt16(os2.offset + 88) : Math.round(ascent * 0.7);
  const post = tables.get('post');
  const italicAngle = post ? view.getInt32(post.offset + 4) / 65536 : 0;

  const hmtx = table('hmtx').offset;
  const advanceOf = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  const cmap = readCmap(view, table('cmap').offset);
  const loca = table('loca').offset;
  const glyf = table('glyf');
  const glyphRange = (glyph: number): [number, number] => longLoca
    ? [view.getUint32(loca + 4 * glyph), view.getUint32(loca + 4 * glyph + 4)]
    : [view.getUint16(loca + 2 * glyph) * 2, view.getUint16(loca + 2 * glyph + 2) * 2];

  function components(glyph: number): number[] {
    const [from, to] = glyphRange(glyph);
    if (to <= from || view.getInt16(glyf.offset + from) >= 0) return [];
    const found: number[] = [];
    let at = glyf.offset + from + 10;
    for (;;) {
      const flags = view.getUint16(at);
      found.push(view.getUint16(at + 2));
      at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      if (!(flags & 0x0020)) return found;
    }
  }

  function subset(glyphs: Iterable<number>): Uint8Array {
    const keep = new Set<number>([0]);
    const queue = [...glyphs];
    while (queue.length) {
      const g = queue.pop()!;
      if (g >= numGlyphs || keep.has(g)) continue;
      keep.add(g);
      queue.push(...components(g));
    }
    // glyf: kept outlines, each padded to 4 bytes; loca: long offsets.
    const pieces: Uint8Array[] = [];
    const newLoca = new DataView(new ArrayBuffer(4 * (numGlyphs + 1)));
    let size = 0;
    for (let g = 0; g < numGlyphs; g++) {
      newLoca.setUint32(4 * g, size);
      if (!keep.has(g)) continue;
      const [from, to] = glyphRange(g);
      const data = bytes.subarray(glyf.offset + from, glyf.offset + to);
      const padded = new Uint8Array((data.length + 3) & ~3);
      padded.set(data);
      pieces.push(padded);
      size += padded.length;
    }
    newLoca.setUint32(4 * numGlyphs, size);
    const newGlyf = concat(pieces);
    const newHead = new Uint8Array(bytes.subarray(head, head + table('head').length)); // a copy: never write to the source
    const headView = new DataView(newHead.buffer, newHead.byteOffset, newHead.byteLength);
    headView.setUint32(8, 0); // checkSumAdjustment, set below
    headView.setInt16(50, 1); // long loca
    const out = new Map<string, Uint8Array>();
    for (const t of tables.values()) {
      if (t.tag === 'DSIG') continue; // a signature of the whole font, wrong for any subset
      out.set(t.tag, bytes.subarray(t.offset, t.offset + t.length));
    }
    out.set('glyf', newGlyf);
    out.set('loca', new Uint8Array(newLoca.buffer));
    out.set('head', newHead);
    return writeFont(out);
  }

  return {
    postscriptName: readPostscriptName(view, tables.get('name')?.offset) ?? 'Font',
    unitsPerEm, ascent, descent, capHeight, italicAngle, bbox,
    bold: (macStyle & 1) === 1,
    italic: (macStyle & 2) === 2,
    numGlyphs,
    glyphOf: (codePoint) => cmap.get(codePoint) ?? 0,
    advanceOf,
    subset,
  };
}

/** The Unicode cmap (format 12 or 4) as a map. */
function readCmap(view: DataView, cmap: number): Map<number, number> {
  const records = Array.from({ length: view.getUint16(cmap + 2) }, (_, i) => ({
    platform: view.getUint16(cmap + 4 + i * 8), encoding: view.getUint16(cmap + 6 + i * 8), offset: cmap + view.getUint32(cmap + 8 + i * 8),
  }));
  const rank = (r: { platform: number; encoding: number }) => (r.platform === 3 && r.encoding === 10 ? 0 : r.platform === 0 ? 1 : r.platform === 3 && r.encoding === 1 ? 2 : 9);
  const chosen = records.filter((r) => rank(r) < 9 && [4, 12].includes(view.getUint16(r.offset))).sort((a, b) => rank(a) - rank(b))[0];
  if (!chosen) throw new Error('the font has no Unicode cmap of format 4 or 12');
  const map = new Map<number, number>();
  const at = chosen.offset;
  if (view.getUint16(at) === 12) {
    for (let i = 0, n = view.getUint32(at + 12); i < n; i++) {
      const g = at + 16 + i * 12;
      const start = view.getUint32(g);
      for (let c = start, end = view.getUint32(g + 4), glyph = view.getUint32(g + 8); c <= end; c++, glyph++) map.set(c, glyph);
    }
    return map;
  }
  const segX2 = view.getUint16(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const start = view.getUint16(starts + s);
    const end = view.getUint16(ends + s);
    const delta = view.getInt16(deltas + s);
    const rangeOffset = view.getUint16(rangeOffsets + s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = view.getUint16(rangeOffsets + s + rangeOffset + 2 * (c - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

function readPostscriptName(view: DataView, name: number | undefined): string | undefined {
  if (name === undefined) return undefined;
  const strings = name + view.getUint16(name + 4);
  for (let i = 0, n = view.getUint16(name + 2); i < n; i++) {
    const r = name + 6 + i * 12;
    if (view.getUint16(r + 6) !== 6) continue;
    const platform = view.getUint16(r);
    const length = view.getUint16(r + 8);
    const offset = strings + view.getUint16(r + 10);
    let text = '';
    if (platform === 3 || platform === 0) for (let j = 0; j < length; j += 2) text += String.fromCharCode(view.getUint16(offset + j));
    else for (let j = 0; j < length; j++) text += String.fromCharCode(view.getUint8(offset + j));
    if (text) return text.replace(/[^\x21-\x7e]/g, '');
  }
  return undefined;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/** An sfnt with these tables, sorted by tag, with checksums and head.checkSumAdjustment. */
function writeFont(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const power = 2 ** Math.floor(Math.log2(n));
  const header = new DataView(new ArrayBuffer(12 + 16 * n));
  header.setUint32(0, 0x00010000);
  header.setUint16(4, n);
  header.setUint16(6, power * 16);
  header.setUint16(8, Math.log2(power));
  header.setUint16(10, n * 16 - power * 16);
  const bodies: Uint8Array[] = [];
  let offset = header.byteLength;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const at = 12 + i * 16;
    for (let j = 0; j < 4; j++) header.setUint8(at + j, tag.charCodeAt(j));
    header.setUint32(at + 4, checksum(data));
    header.setUint32(at + 8, offset);
    header.setUint32(at + 12, data.length);
    if (tag === 'head') headOffset = offset;
    const padded = new Uint8Array((data.length + 3) & ~3);
    padded.set(data);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = concat([new Uint8Array(header.buffer), ...bodies]);
  new DataView(font.buffer).setUint32(headOffset + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

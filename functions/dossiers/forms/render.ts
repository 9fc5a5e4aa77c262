// Lays a form out on A4 and writes the PDF: the two-column header of administrative documents (Decree
// 30/2020/NĐ-CP: issuing body left, national motto right, place and date under it), the title, wrapped
// paragraphs, the documents table (its header repeated on a new page), the signatures, page numbers from page 2.
import { brotliDecompressSync } from 'node:zlib';
import { NOTO_SERIF } from './fonts/noto-serif';
import type { Block, FontStyle, FormLayout, Run, Signature } from './layout';
import { A4, PdfDocument, PdfFont, type PdfPage } from './pdf/document';
import { parseTrueType, type TrueTypeFont } from './pdf/truetype';

/** Margins in points: 30 mm left, 20 mm right, top and bottom (Decree 30/2020's ranges). */
const MARGIN = { left: 85, right: 57, top: 57, bottom: 57 } as const;
const WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BODY = 12.5;
const SMALL = 11.5;
const LEADING = 1.4;
/** From the top of a line to its baseline, in ems (Noto Serif's ascender is 1.07 em; accents on capitals fit). */
const ASCENT = 1.05;

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

let parsed: Record<FontStyle, TrueTypeFont> | undefined;

/** The three styles, decoded on the first render only (a request answered from the cache never pays for it). */
function fonts(): Record<FontStyle, TrueTypeFont> {
  parsed ??= {
    regular: parseTrueType(brotliDecompressSync(Buffer.from(NOTO_SERIF.regular, 'base64'))),
    bold: parseTrueType(brotliDecompressSync(Buffer.from(NOTO_SERIF.bold, 'base64'))),
    italic: parseTrueType(brotliDecompressSync(Buffer.from(NOTO_SERIF.italic, 'base64'))),
  };
  return parsed;
}

/** Every space of a justified line is widened alike, those inside a kept run too (PdfPage.text does so). */
const spaceCount = (text: string): number => text.split(' ').length - 1;

interface Piece {
  text: string;
  style: FontStyle;
  space: boolean;
  width: number;
}

type Line = Piece[];

class Layout {
  private readonly doc: PdfDocument;
  private readonly font: Record<FontStyle, PdfFont>;
  private page!: PdfPage;
  private y = 0;

  constructor(private readonly form: FormLayout) {
    this.doc = new PdfDocument({ title: form.title, subject: form.subject, keywords: form.form, date: new Date(form.date), lang: 'vi-VN' });
    const f = fonts();
    this.font = { regular: new PdfFont(f.regular, 'F1'), bold: new PdfFont(f.bold, 'F2'), italic: new PdfFont(f.italic, 'F3') };
    this.newPage();
  }

  render(): Uint8Array {
    this.header();
    for (const block of this.form.blocks) this.block(block);
    this.signatures();
    if (this.form.note) {
      this.y -= 8;
      this.paragraph([{ text: this.form.note, style: 'italic' }], { size: SMALL - 1 });
    }
    return this.doc.save();
  }

  private newPage(): void {
    this.page = this.doc.addPage();
    this.y = A4.height - MARGIN.top;
    const number = this.doc.pages.length;
    if (number > 1) {
      this.centered(String(number), A4.width / 2, A4.height - MARGIN.top / 2, 'regular', SMALL);
    }
  }

  /** Moves to a new page unless `height` points still fit above the bottom margin. */
  private ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  private text(text: string, x: number, y: number, style: FontStyle, size: number): number {
    const font = this.font[style];
    const printable = font.printable(text);
    this.page.text(printable, x, y, font, size);
    return font.width(printable, size);
  }

  private widthOf(text: string, style: FontStyle, size: number): number {
    const font = this.font[style];
    return font.width(font.printable(text), size);
  }

  private centered(text: string, center: number, y: number, style: FontStyle, size: number): number {
    const width = this.widthOf(text, style, size);
    this.text(text, center - width / 2, y, style, size);
    return width;
  }

  /** The largest size up to `size` at which `text` fits `width`. */
  private fit(text: string, style: FontStyle, size: number, width: number): number {
    const natural = this.widthOf(text, style, size);
    return natural <= width ? size : Math.floor((size * width / natural) * 10) / 10;
  }

  /** Left: the authority, the office (bold) and the unit, a short rule. Right: the national name and motto, a rule, the place and date. */
  private header(): void {
    const { authority, office, unit, placeDate } = this.form.header;
    const leftWidth = WIDTH * 0.42;
    const rightWidth = WIDTH - leftWidth;
    const leftCenter = MARGIN.left + leftWidth / 2;
    const rightCenter = MARGIN.left + leftWidth + rightWidth / 2;
    const top = this.y - 12;
    const size = 12;
    const step = size * 1.3;

    let y = top;
    // On one line when it fits, else on the lines the layout gives (ỦY BAN NHÂN DÂN / TỈNH NGHỆ AN).
    const whole = authority.join(' ');
    for (const line of this.widthOf(whole, 'regular', size) <= leftWidth - 4 ? [whole] : authority) {
      this.centered(line, leftCenter, y, 'regular', this.fit(line, 'regular', size, leftWidth - 4));
      y -= step;
    }
    const officeWidth = this.centered(office, leftCenter, y, 'bold', size);
    y -= 7;
    this.page.line(leftCenter - officeWidth / 4, y, leftCenter + officeWidth / 4, y, 0.6);
    y -= step - 2;
    this.centered(unit, leftCenter, y, 'regular', SMALL - 0.5);
    const leftBottom = y;

    y = top;
    this.centered(NATIONAL_NAME, rightCenter, y, 'bold', this.fit(NATIONAL_NAME, 'bold', size, rightWidth));
    y -= step;
    const mottoSize = this.fit(NATIONAL_MOTTO, 'bold', 13, rightWidth);
    const mottoWidth = this.centered(NATIONAL_MOTTO, rightCenter, y, 'bold', mottoSize);
    y -= 6;
    this.page.line(rightCenter - mottoWidth / 2, y, rightCenter + mottoWidth / 2, y, 0.6);
    y -= step + 4;
    this.centered(placeDate, rightCenter, y, 'italic', this.fit(placeDate, 'italic', BODY, rightWidth));
    this.y = Math.min(leftBottom, y) - 24;
  }

  private block(block: Block): void {
    switch (block.kind) {
      case 'title': {
        const size = 14;
        const lines = this.wrap([{ text: block.text, style: 'bold' }], WIDTH * 0.85, size);
        this.ensure(lines.length * size * 1.3 + 40);
        for (const line of lines) {
          this.centeredLine(line, MARGIN.left + WIDTH / 2, this.y - size * ASCENT, size);
          this.y -= size * 1.3;
        }
        this.y -= 4;
        return;
      }
      case 'centered':
        this.paragraph(block.runs, { center: true });
        return;
      case 'paragraph':
        this.paragraph(block.runs, { indent: block.indent ?? 0 });
        return;
      case 'table':
        this.table(block.columns, block.rows);
        return;
      case 'space':
        this.y -= block.height;
        return;
    }
  }

  /**
   * Lines of wrapped runs, `this.y` being the top of the next line. Left-aligned paragraphs are justified (căn đều
   * hai lề, Decree 30/2020) but for their last line.
   */
  private paragraph(runs: Run[], options: { center?: boolean; indent?: number; size?: number }): void {
    const size = options.size ?? BODY;
    const step = size * LEADING;
    const indent = options.indent ?? 0;
    const lines = this.wrap(runs, WIDTH, size, indent);
    lines.forEach((line, i) => {
      this.ensure(step);
      const baseline = this.y - size * ASCENT;
      if (options.center) this.centeredLine(line, MARGIN.left + WIDTH / 2, baseline, size);
      else {
        const x = MARGIN.left + (i === 0 ? indent : 0);
        const spaces = line.reduce((n, p) => n + spaceCount(p.text), 0);
        const slack = MARGIN.left + WIDTH - x - this.lineWidth(line);
        const justify = i < lines.length - 1 && spaces > 0 && slack / spaces < size;
        this.drawLine(line, x, baseline, size, justify ? slack / spaces : 0);
      }
      this.y -= step;
    });
    this.y -= 3;
  }

  /**
   * Greedy line breaking on spaces. A `keep` run is one unbreakable piece; a piece wider than a whole line (a long
   * file name) is cut where it must be.
   */
  private wrap(runs: Run[], width: number, size: number, firstIndent = 0): Line[] {
    const pieces: Piece[] = [];
    for (const run of runs) {
      const style = run.style ?? 'regular';
      const text = this.font[style].printable(run.text);
      const parts = run.keep ? [text] : text.split(/( +)/).filter(Boolean);
      for (const part of parts) {
        const space = !run.keep && /^ +$/.test(part);
        pieces.push({ text: space ? ' ' : part, style, space, width: this.font[style].width(space ? ' ' : part, size) });
      }
    }
    const lines: Line[] = [];
    let line: Line = [];
    let used = 0;
    let limit = width - firstIndent;
    const flush = () => {
      while (line.length && line[line.length - 1]!.space) line.pop();
      lines.push(line);
      line = [];
      used = 0;
      limit = width;
    };
    for (const piece of pieces) {
      if (piece.space) {
        if (line.length) {
          line.push(piece);
          used += piece.width;
        }
        continue;
      }
      if (used + piece.width > limit && line.length) flush();
      if (piece.width > limit) {
        for (const chunk of this.cut(piece, limit, size)) {
          if (used + chunk.width > limit && line.length) flush();
          line.push(chunk);
          used += chunk.width;
        }
        continue;
      }
      line.push(piece);
      used += piece.width;
    }
    if (line.length || !lines.length) flush();
    return lines;
  }

  private cut(piece: Piece, width: number, size: number): Piece[] {
    const chunks: Piece[] = [];
    let text = '';
    for (const ch of piece.text) {
      if (text && this.font[piece.style].width(text + ch, size) > width) {
        chunks.push({ ...piece, text, width: this.font[piece.style].width(text, size) });
        text = '';
      }
      text += ch;
    }
    if (text) chunks.push({ ...piece, text, width: this.font[piece.style].width(text, size) });
    return chunks;
  }

  private lineWidth(line: Line): number {
    return line.reduce((w, p) => w + p.width, 0);
  }

  /** Consecutive pieces of one style are drawn as one text: the PDF's text extracts as written. */
  private drawLine(line: Line, x: number, y: number, size: number, spaceExtra = 0): void {
    let at = x;
    let i = 0;
    while (i < line.length) {
      const style = line[i]!.style;
      let text = '';
      let width = 0;
      while (i < line.length && line[i]!.style === style) {
        text += line[i]!.text;
        width += line[i]!.width + spaceExtra * spaceCount(line[i]!.text);
        i++;
      }
      this.page.text(text, at, y, this.font[style], size, spaceExtra);
      at += width;
    }
  }

  private centeredLine(line: Line, center: number, y: number, size: number): void {
    this.drawLine(line, center - this.lineWidth(line) / 2, y, size);
  }

  private table(columns: { title: string; width: number; align?: 'left' | 'center' }[], rows: string[][]): void {
    const size = SMALL;
    const step = size * 1.3;
    const pad = 4;
    const widths = columns.map((c) => c.width * WIDTH);
    const drawRow = (cells: string[], style: FontStyle, center: boolean) => {
      const wrapped = cells.map((cell, i) => this.wrap([{ text: cell, style }], widths[i]! - 2 * pad, size));
      const height = Math.max(...wrapped.map((l) => l.length)) * step + 2 * pad;
      return {
        height,
        draw: () => {
          let x = MARGIN.left;
          wrapped.forEach((lines, i) => {
            const w = widths[i]!;
            this.page.rect(x, this.y - height, w, height);
            let y = this.y - pad - size * 0.95;
            for (const line of lines) {
              if (center || columns[i]!.align === 'center') this.centeredLine(line, x + w / 2, y, size);
              else this.drawLine(line, x + pad, y, size);
              y -= step;
            }
            x += w;
          });
          this.y -= height;
        },
      };
    };
    const head = () => drawRow(columns.map((c) => c.title), 'bold', true);
    this.ensure(head().height + step * 2);
    head().draw();
    for (const cells of rows) {
      const row = drawRow(cells, 'regular', false);
      if (this.y - row.height < MARGIN.bottom) {
        this.newPage();
        head().draw();
      }
      row.draw();
    }
    this.y -= 6;
  }

  /** Two columns at the bottom: the applicant's (or the recipients) left, the office's right. */
  private signatures(): void {
    const size = 12;
    const step = size * 1.35;
    this.ensure(step * 3 + 70 + step);
    this.y -= 10;
    const top = this.y - size * ASCENT;
    const half = WIDTH / 2;
    const left = this.form.left;
    if ('recipients' in left) {
      let y = top;
      this.text('Nơi nhận:', MARGIN.left, y, 'bold', size - 0.5);
      for (const line of left.recipients) {
        y -= step - 2;
        this.text(line, MARGIN.left, y, 'regular', SMALL - 0.5);
      }
    } else {
      this.signature(left, MARGIN.left + half / 2, top, size);
    }
    this.y = this.signature(this.form.right, MARGIN.left + half + half / 2, top, size) - 6;
  }

  private signature(s: Signature, center: number, top: number, size: number): number {
    let y = top;
    this.centered(s.title, center, y, 'bold', size);
    y -= size * 1.35;
    this.centered(s.note, center, y, 'italic', SMALL - 0.5);
    y -= 70;
    if (s.name) this.centered(s.name, center, y, 'bold', size);
    return y - size;
  }
}

/** The form as PDF bytes: the same layout always gives the same bytes. */
export function renderForm(form: FormLayout): Uint8Array {
  return new Layout(form).render();
}

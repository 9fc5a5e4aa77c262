// The dossier forms (01 receipt, 04 apology): Vietnamese dates and names, what each form says and when it exists,
// and the PDF writer (A4, fonts embedded as subsets with a ToUnicode map, byte-for-byte reproducible).
import { brotliDecompressSync, inflateSync } from 'node:zlib';
import { formCharsetText } from '#functions/dossiers/forms/fonts/charset';
import { NOTO_SERIF } from '#functions/dossiers/forms/fonts/noto-serif';
import {
  dateWords, placeAndDate, placeName, provincialAuthority, resultPlace, shortDate, timeAndDate, vietnamTime, workingDays,
} from '#functions/dossiers/forms/format';
import { formEvent, formLayout, layoutText, type FormContext, type FormLayout } from '#functions/dossiers/forms/layout';
import { PdfFont, pdfDate, pdfTextString } from '#functions/dossiers/forms/pdf/document';
import { parseTrueType } from '#functions/dossiers/forms/pdf/truetype';
import { renderForm } from '#functions/dossiers/forms/render';
import { formFileName, formKey } from '#functions/dossiers/forms/service';
import type { Dossier, HistoryEntry } from '#functions/dossiers/schemas';

const NGHE_AN = { name: 'Nghệ An', provinceCode: '40' };
const CONTEXT: FormContext = {
  tenant: NGHE_AN,
  requirements: new Map([
    ['to-khai', { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', copies: '01 bản chính' }],
    ['giay-chung-sinh', { name: 'Giấy chứng sinh hoặc giấy tờ thay thế giấy chứng sinh', copies: '01 bản chính' }],
  ]),
};

const entry = (at: string, action: HistoryEntry['action'], to: number, by: HistoryEntry['by'] = { id: 'c1', name: 'Trần Văn Bình', role: 'clerk' }): HistoryEntry =>
  ({ at, action, to, by });

/** A birth registration submitted online on 24/11/2026 at 14:05 and accepted at 14:30, due the next day. */
function dossier(change: Partial<Dossier> = {}): Dossier {
  return {
    code: '000.00.31.H41-261124-0001', version: 2, status: { code: 2, label: 'Được tiếp nhận', labelEn: 'Accepted' }, channel: 2,
    procedure: { code: '1.001193.000.00.00.H41', version: 1, name: 'Đăng ký khai sinh', field: 'Hộ tịch', processingDays: 1 },
    applicant: { fullName: 'Nguyễn Thị Hoa', idNumber: '040190001234', phone: '0912 345 678', address: 'Số 5, đường Lê Lợi, phường Trường Vinh, Nghệ An' },
    applicantUserId: 'citizen-1', form: {},
    documents: [
      { uploadId: 'u1', key: 'k1', fileName: 'tờ khai khai sinh.pdf', contentType: 'application/pdf', size: 10, sha256: 'a', requirementId: 'to-khai' },
      { uploadId: 'u2', key: 'k2', fileName: 'giấy chứng sinh.pdf', contentType: 'application/pdf', size: 10, sha256: 'b', requirementId: 'giay-chung-sinh' },
    ],
    receivingUnit: '000.00.31.H41', currentUnit: '000.00.31.H41',
    submittedAt: '2026-11-24T14:05:00+07:00', submittedBy: 'citizen-1',
    acceptedAt: '2026-11-24T14:30:00+07:00', dueAt: '2026-11-25T14:30:00+07:00',
    pauses: [], supplementRequests: 0,
    history: [entry('2026-11-24T14:05:00+07:00', 'submit', 1, { id: 'citizen-1', role: 'applicant' }), entry('2026-11-24T14:30:00+07:00', 'accept', 2)],
    ...change,
  };
}

/** The same dossier after the leader moved its due date on 25/11 at 09:15. */
function extended(): Dossier {
  const d = dossier();
  return {
    ...d, version: 3, dueAt: '2026-11-28T10:30:00+07:00', originalDueAt: d.dueAt,
    extension: { newDueAt: '2026-11-28T10:30:00+07:00', reason: 'Cần xác minh thêm nơi sinh với Bệnh viện Sản Nhi Nghệ An.', at: '2026-11-25T09:15:00+07:00' },
    history: [...d.history, entry('2026-11-25T09:15:00+07:00', 'extend', 2, { id: 'l1', name: 'Lê Thị Thu Hà', role: 'leader' })],
  };
}

const layoutOf = (form: 'receipt' | 'apology', d: Dossier): FormLayout => formLayout(form, d, CONTEXT, formEvent(form, d)!);

describe('Vietnamese dates and times on the forms', () => {
  it('reads every instant in Asia/Ho_Chi_Minh, across midnight and the year', () => {
    expect(vietnamTime('2026-12-31T17:30:00Z')).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 30 });
    expect(vietnamTime('2026-11-24T14:30:00+07:00')).toEqual({ year: 2026, month: 11, day: 24, hour: 14, minute: 30 });
  });

  it('writes the place and date line as Decree 30/2020 does', () => {
    expect(placeAndDate('Nghệ An', '2026-11-24T14:30:00+07:00')).toBe('Nghệ An, ngày 24 tháng 11 năm 2026');
    // A day below 10 and the months 1 and 2 take a zero; March to September do not.
    expect(placeAndDate('Huế', '2026-02-05T09:00:00+07:00')).toBe('Huế, ngày 05 tháng 02 năm 2026');
    expect(dateWords({ year: 2026, month: 1, day: 9 })).toBe('ngày 09 tháng 01 năm 2026');
    expect(dateWords({ year: 2026, month: 3, day: 10 })).toBe('ngày 10 tháng 3 năm 2026');
    expect(dateWords({ year: 2026, month: 9, day: 2 })).toBe('ngày 02 tháng 9 năm 2026');
    expect(placeAndDate('Nghệ An', '2026-11-23T17:30:00Z')).toBe('Nghệ An, ngày 24 tháng 11 năm 2026');
  });

  it('writes appointment times as "HH giờ mm phút, ngày dd/MM/yyyy"', () => {
    expect(timeAndDate('2026-11-25T14:30:00+07:00')).toBe('14 giờ 30 phút, ngày 25/11/2026');
    expect(timeAndDate('2026-12-03T01:05:00Z')).toBe('08 giờ 05 phút, ngày 03/12/2026');
    expect(shortDate('2027-01-01T00:10:00+07:00')).toBe('01/01/2027');
  });

  it('writes processing times in working days with a decimal comma, and none for a procedure without one', () => {
    expect(workingDays(1)).toBe('1 ngày làm việc');
    expect(workingDays(0.5)).toBe('0,5 ngày làm việc');
    expect(workingDays(null)).toBeUndefined();
  });
});

describe('the province as the forms name it', () => {
  it.each([
    [NGHE_AN, 'Ủy ban nhân dân tỉnh Nghệ An', 'Nghệ An'],
    [{ name: 'Huế', provinceCode: '46' }, 'Ủy ban nhân dân thành phố Huế', 'Huế'],
    [{ name: 'Đà Nẵng', provinceCode: '48' }, 'Ủy ban nhân dân thành phố Đà Nẵng', 'Đà Nẵng'],
    [{ name: 'TP. Hồ Chí Minh', provinceCode: '79' }, 'Ủy ban nhân dân Thành phố Hồ Chí Minh', 'Thành phố Hồ Chí Minh'],
    [{ name: 'Quảng Ngãi', provinceCode: '51' }, 'Ủy ban nhân dân tỉnh Quảng Ngãi', 'Quảng Ngãi'],
  ])('%j: "%s", place "%s"', (tenant, authority, place) => {
    expect(provincialAuthority(tenant)).toBe(authority);
    expect(placeName(tenant)).toBe(place);
  });

  it('says where the result is handed over, by channel', () => {
    expect(resultPlace(2, '000.00.31.H41', 'x')).toMatch(/^Trực tuyến/);
    expect(resultPlace(1, '000.00.31.H41', 'x')).toContain('000.00.31.H41');
    expect(resultPlace(3, '000.00.31.H41', 'Số 5, Lê Lợi')).toContain('Số 5, Lê Lợi');
  });
});

describe('when a form exists, and which dossier version makes it', () => {
  it('has no receipt before acceptance, nor after a refusal', () => {
    const submitted = dossier({ version: 1, status: { code: 1, label: '', labelEn: '' }, acceptedAt: undefined, dueAt: undefined, history: dossier().history.slice(0, 1) });
    expect(formEvent('receipt', submitted)).toBeUndefined();
    const refused = dossier({ status: { code: 3, label: '', labelEn: '' }, acceptedAt: undefined, dueAt: undefined,
      history: [...submitted.history, entry('2026-11-24T14:30:00+07:00', 'refuse', 3)] });
    expect(formEvent('receipt', refused)).toBeUndefined();
  });

  it('makes the receipt from the acceptance (version 2), unchanged by later steps and the extension', () => {
    expect(formEvent('receipt', dossier())).toMatchObject({ version: 2, entry: { action: 'accept' } });
    const later = extended();
    later.history.push(entry('2026-11-25T10:00:00+07:00', 'forward', 2));
    expect(formEvent('receipt', later)).toMatchObject({ version: 2 });
  });

  it('makes a new receipt when missing documents are supplied', () => {
    const d = dossier({ status: { code: 4, label: '', labelEn: '' } });
    d.history.push(entry('2026-11-24T15:00:00+07:00', 'request-supplement', 5), entry('2026-11-25T08:00:00+07:00', 'supplement', 4, { id: 'citizen-1', role: 'applicant' }));
    expect(formEvent('receipt', d)).toMatchObject({ version: 4, entry: { action: 'supplement' } });
    expect(layoutText(layoutOf('receipt', d))).toContain('Nhận đủ hồ sơ bổ sung: 08 giờ 00 phút, ngày 25/11/2026.');
  });

  it('has an apology only once the due date was extended, made from the extension', () => {
    expect(formEvent('apology', dossier())).toBeUndefined();
    expect(formEvent('apology', extended())).toMatchObject({ version: 3, entry: { action: 'extend' } });
  });

  it('stores each version under its own key and names the download', () => {
    expect(formKey('nghean', '000.00.31.H41-261124-0001', 'receipt', 2)).toBe('nghean/dossiers/000.00.31.H41-261124-0001/forms/receipt-v2.pdf');
    expect(formFileName('apology', '000.00.31.H41-261124-0001')).toBe('van-ban-xin-loi-hen-lai-ngay-tra-000.00.31.H41-261124-0001.pdf');
  });
});

describe('what the receipt (form 01) says', () => {
  const layout = layoutOf('receipt', dossier());
  const text = layoutText(layout);

  it('has the header of an administrative document: the authority, the one-stop office, the unit code, the motto, place and date', () => {
    expect(layout.header).toEqual({
      authority: ['ỦY BAN NHÂN DÂN', 'TỈNH NGHỆ AN'], office: 'BỘ PHẬN MỘT CỬA', unit: 'Mã đơn vị: 000.00.31.H41',
      placeDate: 'Nghệ An, ngày 24 tháng 11 năm 2026',
    });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc');
  });

  it('names the applicant, the procedure, the documents received and the appointment', () => {
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\nMã hồ sơ: 000.00.31.H41-261124-0001');
    expect(text).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Hoa');
    expect(text).toContain('Địa chỉ: Số 5, đường Lê Lợi, phường Trường Vinh, Nghệ An');
    expect(text).toContain('Số điện thoại: 0912 345 678');
    expect(text).not.toContain('Email');
    expect(text).toContain('Nội dung yêu cầu giải quyết: Đăng ký khai sinh');
    expect(text).toContain('1 | Tờ khai đăng ký khai sinh (theo mẫu) | tờ khai khai sinh.pdf | Bản điện tử');
    expect(text).toContain('2 | Giấy chứng sinh hoặc giấy tờ thay thế giấy chứng sinh | giấy chứng sinh.pdf | Bản điện tử');
    expect(text).toContain('2. Số lượng hồ sơ: 01 bộ, gồm 02 giấy tờ.');
    expect(text).toContain('3. Thời gian giải quyết hồ sơ theo quy định: 1 ngày làm việc.');
    expect(text).toContain('4. Thời gian nhận hồ sơ: 14 giờ 30 phút, ngày 24/11/2026.');
    expect(text).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 30 phút, ngày 25/11/2026.');
    expect(text).toContain('6. Hình thức nộp hồ sơ: Trực tuyến trên Cổng Dịch vụ công.');
    expect(layout.left).toEqual({ title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: 'Nguyễn Thị Hoa' });
    expect(layout.right).toMatchObject({ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: 'Trần Văn Bình' });
  });

  it('keeps the appointment it gave after the due date is extended (the new one is form 04\'s)', () => {
    expect(layoutText(layoutOf('receipt', extended()))).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 30 phút, ngày 25/11/2026.');
  });

  it('shows a requirement it cannot name by its id, the copies for a desk submission, and a procedure without time limit', () => {
    const d = dossier({ channel: 1, procedure: { ...dossier().procedure, processingDays: null }, dueAt: undefined });
    const text2 = layoutText(formLayout('receipt', d, { ...CONTEXT, requirements: new Map([['to-khai', { name: 'Tờ khai', copies: '01 bản chính' }]]) }, formEvent('receipt', d)!));
    expect(text2).toContain('1 | Tờ khai | tờ khai khai sinh.pdf | 01 bản chính');
    expect(text2).toContain('2 | giay-chung-sinh | giấy chứng sinh.pdf | 01 bản');
    expect(text2).toContain('3. Thời gian giải quyết hồ sơ theo quy định: không quy định thời hạn.');
    expect(text2).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: theo thông báo của cơ quan giải quyết.');
  });
});

describe('what the apology (form 04) says', () => {
  const layout = layoutOf('apology', extended());
  const text = layoutText(layout);

  it('is dated the day of the extension, apologises, and gives the original date, the new one and the reason', () => {
    expect(layout.header.placeDate).toBe('Nghệ An, ngày 25 tháng 11 năm 2026');
    expect(text).toContain('VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(text).toContain('Kính gửi: Ông/Bà Nguyễn Thị Hoa.');
    expect(text).toContain('hẹn trả kết quả là 14 giờ 30 phút, ngày 25/11/2026.');
    expect(text).toContain('Lý do: Cần xác minh thêm nơi sinh với Bệnh viện Sản Nhi Nghệ An.');
    expect(text).toContain('xin lỗi Ông/Bà và xin hẹn lại thời gian trả kết quả giải quyết hồ sơ vào 10 giờ 30 phút, ngày 28/11/2026.');
    expect(layout.left).toEqual({ recipients: ['- Như trên;', '- Lưu: hồ sơ 000.00.31.H41-261124-0001.'] });
    expect(layout.right).toMatchObject({ name: 'Lê Thị Thu Hà' });
  });
});

describe('the forms\' font', () => {
  const styles = Object.fromEntries(Object.entries(NOTO_SERIF).map(([style, b64]) => [style, parseTrueType(brotliDecompressSync(Buffer.from(b64, 'base64')))]));
  const VIETNAMESE = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';

  it.each(Object.keys(NOTO_SERIF))('%s has a glyph for every character it keeps, the whole Vietnamese alphabet in both cases among them', (style) => {
    const font = styles[style]!;
    const missing = [...formCharsetText(), ...VIETNAMESE, ...VIETNAMESE.toLocaleUpperCase('vi-VN')].filter((ch) => font.glyphOf(ch.codePointAt(0)!) === 0);
    expect(missing).toEqual([]);
    expect(font.postscriptName).toMatch(/^NotoSerif-/);
  });

  it('prints Vietnamese in NFC, and what it lacks as its base letter or "?"', () => {
    const font = new PdfFont(styles.regular!, 'F1');
    expect(font.printable('Nguye\u0302\u0303n')).toBe('Nguyễn');
    expect(font.printable('Hà\tNội\n')).toBe('Hà Nội ');
    // Ș has no glyph and neither has its comma below; Ǹ has none, but N and the combining grave have.
    expect(font.printable('Ș Ǹ 中 😀')).toBe('S N\u0300 ? ?');
  });

  it('subsets to the glyphs a document prints, keeping their ids and outlines', () => {
    const regular = styles.regular!;
    const glyphs = [...'Nguyễn'].map((ch) => regular.glyphOf(ch.codePointAt(0)!));
    const subset = regular.subset(glyphs);
    const full = brotliDecompressSync(Buffer.from(NOTO_SERIF.regular, 'base64'));
    expect(subset.length).toBeLessThan(full.length / 4);
    const reread = parseTrueType(subset);
    for (const ch of 'Nguyễn') expect(reread.glyphOf(ch.codePointAt(0)!)).toBe(regular.glyphOf(ch.codePointAt(0)!));
    expect(reread.advanceOf(glyphs[4]!)).toBe(regular.advanceOf(glyphs[4]!));
    expect(reread.numGlyphs).toBe(regular.numGlyphs);
  });
});

describe('the PDF', () => {
  const pdf = Buffer.from(renderForm(layoutOf('receipt', dossier())));
  const latin1 = pdf.toString('latin1');

  it('is a PDF 1.7 of one A4 page whose cross-reference table points at every object', () => {
    expect(latin1.startsWith('%PDF-1.7\n')).toBe(true);
    expect(latin1.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(latin1).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(latin1.match(/\/Type \/Page /g)).toHaveLength(1);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(latin1)![1]);
    const table = latin1.slice(startxref).split('\n');
    expect(table[0]).toBe('xref');
    const count = Number(table[1]!.split(' ')[1]);
    for (let n = 1; n < count; n++) {
      const offset = Number(table[2 + n]!.slice(0, 10));
      expect(latin1.slice(offset, offset + `${n} 0 obj`.length)).toBe(`${n} 0 obj`);
    }
  });

  it('embeds the three styles as subsets (TrueType, Identity-H) with a ToUnicode map, and says it is Vietnamese', () => {
    const baseFonts = [...latin1.matchAll(/\/Subtype \/Type0 \/BaseFont \/([A-Z]{6})\+(NotoSerif-\w+)/g)].map((m) => m[2]);
    expect(baseFonts.sort()).toEqual(['NotoSerif-Bold', 'NotoSerif-Italic', 'NotoSerif-Regular']);
    expect(latin1.match(/\/FontFile2 \d+ 0 R/g)).toHaveLength(3);
    expect(latin1.match(/\/Encoding \/Identity-H/g)).toHaveLength(3);
    expect(latin1.match(/\/ToUnicode \d+ 0 R/g)).toHaveLength(3);
    expect(latin1).toContain('/Lang (vi-VN)');
    expect(latin1).toContain(`/Title ${pdfTextString('Giấy tiếp nhận hồ sơ và hẹn trả kết quả 000.00.31.H41-261124-0001')}`);
    expect(latin1).toContain(`/CreationDate ${pdfDate(new Date('2026-11-24T14:30:00+07:00'))}`);
    expect(pdfDate(new Date('2026-11-24T14:30:00+07:00'))).toBe("(D:20261124143000+07'00')");
  });

  it('maps the glyphs it prints back to Vietnamese text (what selecting or extracting the text gives)', () => {
    const cmaps = [...latin1.matchAll(/<< \/Filter \/FlateDecode \/Length (\d+) >>\nstream\n/g)]
      .map((m) => inflateSync(pdf.subarray(m.index! + m[0].length, m.index! + m[0].length + Number(m[1]))).toString('latin1'))
      .filter((s) => s.includes('beginbfchar'));
    expect(cmaps).toHaveLength(3);
    const mapped = cmaps.flatMap((c) => [...c.matchAll(/<[0-9A-F]{4}> <([0-9A-F]{4})>/g)].map((m) => String.fromCharCode(parseInt(m[1]!, 16))));
    for (const ch of 'NguyễnThịHoaĐăngkýkhaisinhỦYBANNHÂNDÂN') expect(mapped).toContain(ch);
  });

  it('is the same bytes every time for the same content (one SHA-256 per form version)', () => {
    expect(Buffer.from(renderForm(layoutOf('receipt', dossier()))).equals(pdf)).toBe(true);
  });

  it('continues a long list of documents on a second page, numbered', () => {
    const many = dossier({
      documents: Array.from({ length: 30 }, (_, i) => ({
        uploadId: `u${i}`, key: 'k', fileName: `giấy tờ số ${i + 1} có tên rất dài để xuống dòng trong bảng.pdf`, contentType: 'application/pdf', size: 1, sha256: 'x', requirementId: 'to-khai',
      })),
    });
    const long = Buffer.from(renderForm(layoutOf('receipt', many))).toString('latin1');
    expect(long.match(/\/Type \/Page /g)!.length).toBeGreaterThanOrEqual(2);
    expect(long).toContain('/Count ');
  });
});

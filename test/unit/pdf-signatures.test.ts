// Digital signatures in PDF documents: a test PKI (node-forge) signs PDFs the way signing software does, and the
// verifier must tell valid, modified, untrusted, expired and broken signatures apart, with who signed and when.
import { readTlv, timeOf } from '#functions/documents/signatures/der';
import { pdfDateToIso } from '#functions/documents/signatures/pdf';
import { inspectPdfSignatures } from '#functions/documents/signatures/verify';
import {
  appendIncrementalUpdate, createCa, issueCertificate, minimalPdf, signPdf, type TestIdentity,
} from '../support/pki';

const CA_NAME = 'Tổ chức chứng thực Thử nghiệm';
const CA_ORG = 'Bộ Khoa học và Công nghệ';
const SIGNER_NAME = 'Nguyễn Văn An';
const SIGNER_ORG = 'UBND tỉnh Nghệ An';
const SIGNED_AT = new Date('2025-03-14T02:30:00Z');
const NOW = new Date('2025-06-01T01:00:00Z');
const DOCUMENT_TEXT = 'QUYET DINH so 123/QD-UBND';

let trustedCa: TestIdentity;
let signer: TestIdentity;
let trustedList: string[];

beforeAll(() => {
  trustedCa = createCa(CA_NAME, { organization: CA_ORG });
  signer = issueCertificate(trustedCa, SIGNER_NAME, { organization: SIGNER_ORG });
  trustedList = [trustedCa.certPem];
});

const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');

/** The PDF with the one occurrence of `from` replaced by `to` (same length, so offsets stay put). */
function replaceOnce(pdf: Uint8Array, from: string, to: string): Uint8Array {
  const text = latin1(pdf);
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0 || from.length !== to.length) throw new Error(`cannot replace ${from}`);
  return new Uint8Array(Buffer.from(text.slice(0, at) + to + text.slice(at + from.length), 'latin1'));
}

/** Offset of the last signature's /Contents hex digits, and the CMS length its DER header (30 82 hi lo) gives. */
function lastContents(pdf: Uint8Array): { hexAt: number; derLength: number } {
  const text = latin1(pdf);
  const hexAt = text.lastIndexOf('/Contents <') + '/Contents <'.length;
  expect(text.slice(hexAt, hexAt + 4)).toBe('3082');
  return { hexAt, derLength: 4 + parseInt(text.slice(hexAt + 4, hexAt + 8), 16) };
}

function overwrite(pdf: Uint8Array, at: number, text: string): Uint8Array {
  const copy = Buffer.from(pdf);
  copy.write(text, at, 'latin1');
  return new Uint8Array(copy);
}

const signedDocument = (by: TestIdentity = signer, options: Parameters<typeof signPdf>[2] = {}) =>
  signPdf(minimalPdf(DOCUMENT_TEXT), by, { signingTime: SIGNED_AT, ...options });

describe('reading the file: unsigned, unreadable, large', () => {
  it('reports a PDF without signature dictionary as unsigned', () => {
    expect(inspectPdfSignatures(minimalPdf(DOCUMENT_TEXT), trustedList, NOW))
      .toEqual({ signed: false, signatures: [], checkedAt: '2025-06-01T01:00:00.000Z' });
  });

  it.each([
    ['empty', new Uint8Array()],
    ['random bytes', new Uint8Array(Buffer.from('9f3c0b7e41d2a85566e1f00dbeef1234c0ffee'.repeat(50), 'hex'))],
    ['a Word document', new Uint8Array(Buffer.from('PK\x03\x04 word/document.xml', 'latin1'))],
    ['text naming a byte range', new Uint8Array(Buffer.from('/ByteRange [0 10 20 30] /Contents <3082>', 'latin1'))],
  ])('reads %s as unsigned without throwing', (_, bytes) => {
    expect(inspectPdfSignatures(bytes, trustedList, NOW)).toEqual({ signed: false, signatures: [], checkedAt: NOW.toISOString() });
  });

  it('reads a long run of digits in linear time', () => {
    // Reserved /Contents, hex-encoded images: long digit runs are common; a backtracking search would take minutes.
    const pdf = signedDocument();
    const padded = appendIncrementalUpdate(pdf, { 9: `<< /Padding (${'7'.repeat(300_000)}) >>` });
    const started = performance.now();
    const report = inspectPdfSignatures(padded, trustedList, NOW);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(report.signatures.map((s) => s.reasons)).toEqual([['BYTES_AFTER_SIGNATURE']]);
  });

  it('reports a PDF cut short inside its signature as signed but invalid', () => {
    const signed = signedDocument();
    const cut = signed.subarray(0, lastContents(signed).hexAt + 100);
    const report = inspectPdfSignatures(cut, trustedList, NOW);
    expect(report.signed).toBe(true);
    expect(report.signatures.map((s) => [s.verdict, s.reasons])).toEqual([['invalid', ['MALFORMED']]]);
  });
});

describe('a valid signature', () => {
  it.each(['ETSI.CAdES.detached', 'adbe.pkcs7.detached'] as const)('%s: gives the signer, certificate and signing time', (subFilter) => {
    const signed = signedDocument(signer, { subFilter, reason: 'Ký ban hành văn bản' });
    const report = inspectPdfSignatures(signed, trustedList, NOW);
    expect(report.signed).toBe(true);
    expect(report.signatures).toHaveLength(1);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({
      verdict: 'valid',
      reasons: [],
      signer: SIGNER_NAME,
      subject: `CN=${SIGNER_NAME}\nO=${SIGNER_ORG}`,
      issuer: `CN=${CA_NAME}\nO=${CA_ORG}`,
      serialNumber: signer.serialNumber,
      coversWholeFile: true,
      chainTrusted: true,
      signingReason: 'Ký ban hành văn bản',
      subFilter,
    });
    expect(new Date(signature!.signingTime!).getTime()).toBe(SIGNED_AT.getTime());
    expect(signature!.signingTime).toMatch(/(Z|[+-]\d\d:\d\d)$/);
  });

  it('gives a CN with a comma as written, where the subject escapes it', () => {
    const official = issueCertificate(trustedCa, 'Trần Thị Bình, Phó Chủ tịch', { organization: SIGNER_ORG });
    const [signature] = inspectPdfSignatures(signedDocument(official), trustedList, NOW).signatures;
    expect(signature?.verdict).toBe('valid');
    expect(signature?.signer).toBe('Trần Thị Bình, Phó Chủ tịch');
  });

  it('takes the signing time from the signed attribute rather than the dictionary /M', () => {
    const dictionaryTime = new Date('2025-03-14T05:00:00Z');
    const [signature] = inspectPdfSignatures(signedDocument(signer, { dictionaryTime }), trustedList, NOW).signatures;
    expect(new Date(signature!.signingTime!).getTime()).toBe(SIGNED_AT.getTime());
  });

  it('takes the signing time from the dictionary /M when the CMS has no signingTime attribute', () => {
    const [signature] = inspectPdfSignatures(signedDocument(signer, { signingTimeAttribute: false }), trustedList, NOW).signatures;
    expect(signature?.verdict).toBe('valid');
    // signPdf writes /M in Vietnam's time: 02:30 UTC is 09:30 at +07:00.
    expect(signature?.signingTime).toBe('2025-03-14T09:30:00+07:00');
  });

  it('ignores an unreadable entry of the trusted list', () => {
    const [signature] = inspectPdfSignatures(signedDocument(), ['not a certificate', trustedCa.certPem], NOW).signatures;
    expect(signature?.verdict).toBe('valid');
  });
});

describe('changes after signing', () => {
  it('reports a changed byte inside the signed range as modified', () => {
    const signed = signedDocument();
    const changed = replaceOnce(signed, '(QUYET DINH so 123', '(QUYET DINH so 124');
    const [signature] = inspectPdfSignatures(changed, trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'modified', reasons: ['DIGEST_MISMATCH'], coversWholeFile: true, signer: SIGNER_NAME });
  });

  it('reports an incremental update after the signature as modified, while the signed revision stays valid', () => {
    const signed = signedDocument();
    const content = 'BT /F1 14 Tf 72 770 Td (QUYET DINH so 999/QD-UBND) Tj ET';
    const updated = appendIncrementalUpdate(signed, { 4: `<< /Length ${content.length} >>\nstream\n${content}\nendstream` });
    expect(updated.length).toBeGreaterThan(signed.length);

    const [signature] = inspectPdfSignatures(updated, trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'modified', reasons: ['BYTES_AFTER_SIGNATURE'], coversWholeFile: false, signer: SIGNER_NAME });
    // The update only appended: the first signed.length bytes are the revision that was signed.
    const [revision] = inspectPdfSignatures(updated.subarray(0, signed.length), trustedList, NOW).signatures;
    expect(revision).toMatchObject({ verdict: 'valid', coversWholeFile: true });
  });

  it('reports both signatures of a document signed twice, the first no longer covering the whole file', () => {
    const deputy = issueCertificate(trustedCa, 'Lê Văn Cường', { organization: SIGNER_ORG });
    const twice = signPdf(signedDocument(), deputy, { signingTime: new Date('2025-03-15T01:00:00Z') });
    const { signatures } = inspectPdfSignatures(twice, trustedList, NOW);
    expect(signatures.map((s) => [s.signer, s.verdict, s.reasons])).toEqual([
      [SIGNER_NAME, 'modified', ['BYTES_AFTER_SIGNATURE']],
      ['Lê Văn Cường', 'valid', []],
    ]);
  });

  it('reports a changed signature value as modified', () => {
    const signed = signedDocument();
    const { hexAt, derLength } = lastContents(signed);
    // The signature value is the last field of the CMS (forge writes no unsigned attributes): change its last byte.
    const lastByteAt = hexAt + 2 * (derLength - 1);
    const lastByte = latin1(signed).slice(lastByteAt, lastByteAt + 2);
    const flipped = (parseInt(lastByte, 16) ^ 0x01).toString(16).padStart(2, '0').toUpperCase();
    const [signature] = inspectPdfSignatures(overwrite(signed, lastByteAt, flipped), trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'modified', reasons: ['BAD_SIGNATURE'], signer: SIGNER_NAME });
  });

  it('reports a signed range that leaves more than /Contents unsigned as invalid', () => {
    // The ten bytes before the hex string ("/Contents ") are outside the range: they could be changed unnoticed.
    const [signature] = inspectPdfSignatures(signedDocument(signer, { unsignedBeforeContents: 10 }), trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'invalid', reasons: ['BYTE_RANGE_INVALID'], signer: SIGNER_NAME });
  });

  it('reports a corrupted CMS as invalid', () => {
    const signed = signedDocument();
    const { hexAt } = lastContents(signed);
    // An OCTET STRING where the ContentInfo SEQUENCE should be.
    const [signature] = inspectPdfSignatures(overwrite(signed, hexAt, '04'), trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'invalid', reasons: ['MALFORMED'] });
  });

  it('reports a CMS cut short as invalid', () => {
    const signed = signedDocument();
    const { hexAt, derLength } = lastContents(signed);
    // The DER header still claims the full length, but zeros replace its second half.
    const half = Math.floor(derLength / 2);
    const [signature] = inspectPdfSignatures(overwrite(signed, hexAt + 2 * half, '00'.repeat(derLength - half)), trustedList, NOW).signatures;
    expect(signature?.verdict).toBe('invalid');
  });
});

describe('trust', () => {
  it('reports a signer from a CA outside the trusted list as untrusted, even with that CA embedded', () => {
    const otherCa = createCa('Công ty chứng thực Khác');
    const outsider = issueCertificate(otherCa, SIGNER_NAME);
    const [signature] = inspectPdfSignatures(signedDocument(outsider, { chain: [otherCa.cert] }), trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'untrusted', reasons: ['NO_TRUSTED_CHAIN'], chainTrusted: false, signer: SIGNER_NAME });
    // Trusting that CA makes the same file valid.
    const [trusted] = inspectPdfSignatures(signedDocument(outsider), [...trustedList, otherCa.certPem], NOW).signatures;
    expect(trusted).toMatchObject({ verdict: 'valid', chainTrusted: true });
  });

  it('does not take a CA with the trusted CA name but another key for the trusted one', () => {
    // Without key identifiers only the names link the forged certificate to an issuer: the signatures must decide.
    const impostorCa = createCa(CA_NAME, { organization: CA_ORG, keyIdentifiers: false });
    const forged = issueCertificate(impostorCa, SIGNER_NAME, { organization: SIGNER_ORG, keyIdentifiers: false });
    const [signature] = inspectPdfSignatures(signedDocument(forged, { chain: [impostorCa.cert] }), trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'untrusted', reasons: ['NO_TRUSTED_CHAIN'], issuer: `CN=${CA_NAME}\nO=${CA_ORG}` });
  });

  it('follows an intermediate CA embedded in the signature to the trusted root', () => {
    const intermediate = issueCertificate(trustedCa, 'CA cấp dưới Nghệ An', { isCa: true });
    const official = issueCertificate(intermediate, SIGNER_NAME);
    const withChain = inspectPdfSignatures(signedDocument(official, { chain: [intermediate.cert] }), trustedList, NOW).signatures[0];
    expect(withChain).toMatchObject({ verdict: 'valid', chainTrusted: true, issuer: 'CN=CA cấp dưới Nghệ An' });
    // Without the intermediate there is no path, unless the tenant trusts the intermediate itself.
    const withoutChain = inspectPdfSignatures(signedDocument(official), trustedList, NOW).signatures[0];
    expect(withoutChain).toMatchObject({ verdict: 'untrusted', reasons: ['NO_TRUSTED_CHAIN'] });
    const intermediateTrusted = inspectPdfSignatures(signedDocument(official), [intermediate.certPem], NOW).signatures[0];
    expect(intermediateTrusted?.verdict).toBe('valid');
  });

  it('does not let an end-entity certificate act as a CA', () => {
    // No key usage extension: only its basic constraints (CA:FALSE) forbid it to issue certificates.
    const fakeIntermediate = issueCertificate(trustedCa, 'Người ký thường', { keyUsage: false });
    const subordinate = issueCertificate(fakeIntermediate, SIGNER_NAME);
    const [signature] = inspectPdfSignatures(signedDocument(subordinate, { chain: [fakeIntermediate.cert] }), trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'untrusted', reasons: ['NO_TRUSTED_CHAIN'] });
  });
});

describe('certificate validity at the signing time', () => {
  const expiring = { validFrom: new Date('2023-01-01T00:00:00Z'), validTo: new Date('2024-12-31T00:00:00Z') };

  it('reports a certificate expired before the signing time as expired', () => {
    const expired = issueCertificate(trustedCa, SIGNER_NAME, expiring);
    const [signature] = inspectPdfSignatures(signedDocument(expired), trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'expired', reasons: ['CERT_EXPIRED'], chainTrusted: true, signer: SIGNER_NAME });
  });

  it('keeps a signature made while the certificate was valid valid after it expires', () => {
    const expired = issueCertificate(trustedCa, SIGNER_NAME, expiring);
    const [signature] = inspectPdfSignatures(signedDocument(expired, { signingTime: new Date('2024-06-01T03:00:00Z') }), trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'valid', reasons: [] });
  });

  it('reports a certificate not yet valid at the signing time as expired', () => {
    const early = issueCertificate(trustedCa, SIGNER_NAME, { validFrom: new Date('2025-04-01T00:00:00Z') });
    const [signature] = inspectPdfSignatures(signedDocument(early), trustedList, NOW).signatures;
    expect(signature).toMatchObject({ verdict: 'expired', reasons: ['CERT_NOT_YET_VALID'] });
  });

  it('ranks the verdicts: modified over expired over untrusted', () => {
    const otherCa = createCa('Công ty chứng thực Khác');
    const expiredOutsider = issueCertificate(otherCa, SIGNER_NAME, expiring);
    const signed = signedDocument(expiredOutsider);
    const [expired] = inspectPdfSignatures(signed, trustedList, NOW).signatures;
    expect(expired).toMatchObject({ verdict: 'expired', reasons: expect.arrayContaining(['CERT_EXPIRED', 'NO_TRUSTED_CHAIN']) });
    const changed = replaceOnce(signed, '(QUYET DINH so 123', '(QUYET DINH so 124');
    const [modified] = inspectPdfSignatures(changed, trustedList, NOW).signatures;
    expect(modified).toMatchObject({ verdict: 'modified', reasons: expect.arrayContaining(['DIGEST_MISMATCH', 'CERT_EXPIRED', 'NO_TRUSTED_CHAIN']) });
  });
});

describe('times as signatures and certificates write them', () => {
  const derTime = (tag: number, text: string) => {
    const der = Buffer.concat([Buffer.from([tag, text.length]), Buffer.from(text, 'latin1')]);
    return timeOf(der, readTlv(der, 0));
  };

  it.each([
    [0x17, '990101000000Z', '1999-01-01T00:00:00.000Z'], // UTCTime: 50-99 are 19xx
    [0x17, '491231235959Z', '2049-12-31T23:59:59.000Z'], // and 00-49 20xx
    [0x18, '20250314023000Z', '2025-03-14T02:30:00.000Z'],
    [0x18, '20250314023000.25Z', '2025-03-14T02:30:00.250Z'],
    [0x18, '20250314093000+0700', '2025-03-14T02:30:00.000Z'],
  ])('reads tag %i %s as %s', (tag, text, iso) => {
    expect(derTime(tag, text).toISOString()).toBe(iso);
  });

  it.each(['250230000000Z', '2503140230Z0', '251314000000Z'])('refuses the UTCTime %s', (text) => {
    expect(() => derTime(0x17, text)).toThrow();
  });

  it.each([
    ["D:20250314093000+07'00'", '2025-03-14T09:30:00+07:00'],
    ["D:20250314093000+07'00", '2025-03-14T09:30:00+07:00'],
    ['D:20250314023000Z', '2025-03-14T02:30:00Z'],
    ["D:20250314023000Z00'00'", '2025-03-14T02:30:00Z'],
    ["D:20250313213000-05'00'", '2025-03-13T21:30:00-05:00'],
    ['D:2025', '2025-01-01T00:00:00Z'],
  ])('reads the PDF date %s as %s', (pdfDate, iso) => {
    expect(pdfDateToIso(pdfDate)).toBe(iso);
  });

  it.each(['D:20250230093000Z', 'D:2025031409300', '14/03/2025', ''])('reads %j as no date', (pdfDate) => {
    expect(pdfDateToIso(pdfDate)).toBeUndefined();
  });
});

// Test-only PKI and PDF signer: CAs and certificates made on the spot, a hand-written one-page PDF, and a PAdES
// signature appended to it as an incremental update, the way signing software does it. node-forge builds the
// certificates and the CMS so that the verifier under test is checked against an independent implementation.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface TestIdentity {
  certPem: string;
  keyPem: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  /** Upper-case hex, as X509Certificate.serialNumber gives it. */
  serialNumber: string;
}

export interface CertificateOptions {
  validFrom?: Date;
  validTo?: Date;
  organization?: string;
  /** false: no subject and authority key identifiers, so that only names link a certificate to its issuer. */
  keyIdentifiers?: boolean;
  /** false: no key usage extension, so that nothing but basic constraints says whether it may issue certificates. */
  keyUsage?: boolean;
}

const DEFAULT_CA_VALIDITY = { validFrom: new Date('2020-01-01T00:00:00Z'), validTo: new Date('2045-01-01T00:00:00Z') };
const DEFAULT_LEAF_VALIDITY = { validFrom: new Date('2024-01-01T00:00:00Z'), validTo: new Date('2028-01-01T00:00:00Z') };

/** node's key generation is much faster than forge's; forge only needs the key to sign with. */
function newKey(): { key: forge.pki.rsa.PrivateKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return { key: forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey, keyPem };
}

/** A positive serial whose first byte is not zero, so that DER and node's hex both keep all 16 bytes. */
function newSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return bytes.toString('hex').toUpperCase();
}

function distinguishedName(cn: string, organization?: string): forge.pki.CertificateField[] {
  // UTF8String so that Vietnamese names survive; forge types valueTagClass as a class but writes it as the tag.
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  const fields: forge.pki.CertificateField[] = [{ shortName: 'CN', value: cn, valueTagClass: utf8 }];
  if (organization) fields.push({ shortName: 'O', value: organization, valueTagClass: utf8 });
  return fields;
}

function makeCertificate(
  subject: forge.pki.CertificateField[], issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | undefined,
  isCa: boolean, validity: { validFrom: Date; validTo: Date }, { keyIdentifiers = true, keyUsage = true }: CertificateOptions,
): TestIdentity {
  const { key, keyPem } = newKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = newSerial();
  cert.validity.notBefore = validity.validFrom;
  cert.validity.notAfter = validity.validTo;
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: isCa, critical: true },
    ...(!keyUsage ? [] : isCa
      ? [{ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]
      : [{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }]),
    ...(keyIdentifiers ? [
      { name: 'subjectKeyIdentifier' },
      // forge's `keyIdentifier: true` would take the subject's own key id: name the issuer's explicitly.
      { name: 'authorityKeyIdentifier', keyIdentifier: (issuer?.cert ?? cert).generateSubjectKeyIdentifier().getBytes() },
    ] : []),
  ]);
  cert.sign(issuer?.key ?? key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem, cert, key, serialNumber: cert.serialNumber };
}

export function createCa(name: string, options: CertificateOptions = {}): TestIdentity {
  const validity = { ...DEFAULT_CA_VALIDITY, ...definedOnly(options) };
  return makeCertificate(distinguishedName(name, options.organization), undefined, true, validity, options);
}

/** A certificate issued by `ca`: a signer's, or with `isCa` an intermediate CA's. */
export function issueCertificate(ca: TestIdentity, subjectCn: string, options: CertificateOptions & { isCa?: boolean } = {}): TestIdentity {
  const validity = { ...(options.isCa ? DEFAULT_CA_VALIDITY : DEFAULT_LEAF_VALIDITY), ...definedOnly(options) };
  return makeCertificate(distinguishedName(subjectCn, options.organization), ca, options.isCa ?? false, validity, options);
}

function definedOnly(options: CertificateOptions): Partial<{ validFrom: Date; validTo: Date }> {
  return {
    ...(options.validFrom ? { validFrom: options.validFrom } : {}),
    ...(options.validTo ? { validTo: options.validTo } : {}),
  };
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const pdfLiteral = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
/** A PDF text string: UTF-16BE with its byte-order mark, so Vietnamese names need no PDFDocEncoding. */
const pdfTextString = (text: string) => `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

/** A one-page PDF showing `text` (Latin-1) in Helvetica, written object by object with its xref table. */
export function minimalPdf(text: string): Uint8Array {
  const content = `BT /F1 14 Tf 72 770 Td ${pdfLiteral(text)} Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${latin1(content).length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map(xrefEntry).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(latin1(body));
}

const xrefEntry = (offset: number) => `${String(offset).padStart(10, '0')} 00000 n \n`;

interface TrailerInfo { size: number; root: number; startxref: number }

function lastTrailer(text: string): TrailerInfo {
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer);
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!size || !root || !startxref) throw new Error('not a PDF this helper wrote');
  return { size: Number(size[1]), root: Number(root[1]), startxref: Number(startxref[1]) };
}

/** Appends an incremental update: new or replaced objects (body text, Latin-1), their xref section and trailer. */
export function appendIncrementalUpdate(pdf: Uint8Array, objects: Record<number, string>): Uint8Array {
  let text = Buffer.from(pdf).toString('latin1');
  const { size, root, startxref } = lastTrailer(text);
  if (!text.endsWith('\n')) text += '\n';
  const numbers = Object.keys(objects).map(Number).sort((a, b) => a - b);
  const sections: string[] = [];
  for (const number of numbers) {
    sections.push(`${number} 1\n${xrefEntry(text.length)}`);
    text += `${number} 0 obj\n${objects[number]}\nendobj\n`;
  }
  const xref = text.length;
  const newSize = Math.max(size, ...numbers.map((n) => n + 1));
  text += `xref\n${sections.join('')}trailer\n<< /Size ${newSize} /Root ${root} 0 R /Prev ${startxref} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(latin1(text));
}

export interface SignOptions {
  signingTime?: Date;
  /** The dictionary's /M, when it should differ from the signingTime attribute. */
  dictionaryTime?: Date;
  /** false: no signingTime signed attribute, only the dictionary's /M. */
  signingTimeAttribute?: boolean;
  /** Certificates embedded in the CMS besides the signer's (intermediate CAs…). */
  chain?: forge.pki.Certificate[];
  /** /Name of the signature dictionary. */
  name?: string;
  /** /Reason of the signature dictionary. */
  reason?: string;
  subFilter?: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  /** A faulty signer: leave this many bytes before /Contents out of the signed range too. */
  unsignedBeforeContents?: number;
}

/** Room for the CMS in /Contents: two or three 2048-bit certificates and the signature fit well within it. */
const CONTENTS_BYTES = 8192;
const BYTE_RANGE_PLACEHOLDER = `[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`;

/** The date as a PDF date in Vietnam's time (UTC+7), as software signing there writes /M. */
export function pdfDate(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000).toISOString();
  return `D:${local.slice(0, 19).replace(/[-T:]/g, '')}+07'00'`;
}

/**
 * Signs the PDF as signing software does: an incremental update adds a /Sig dictionary (and a signature field in
 * the catalog's AcroForm) with a zero-filled /Contents placeholder, /ByteRange is filled in around it, and the CMS
 * SignedData (detached, SHA-256, signed attributes contentType, messageDigest, signingTime) is written in as hex.
 */
export function signPdf(pdf: Uint8Array, signer: Pick<TestIdentity, 'cert' | 'key'>, options: SignOptions = {}): Uint8Array {
  const signingTime = options.signingTime ?? new Date();
  const text = Buffer.from(pdf).toString('latin1');
  const { size, root } = lastTrailer(text);
  const sigNumber = size;
  const fieldNumber = size + 1;
  const sigDictionary = [
    '<< /Type /Sig /Filter /Adobe.PPKLite', `/SubFilter /${options.subFilter ?? 'ETSI.CAdES.detached'}`,
    `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, `/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>`, `/M (${pdfDate(options.dictionaryTime ?? signingTime)})`,
    ...(options.name ? [`/Name ${pdfTextString(options.name)}`] : []),
    ...(options.reason ? [`/Reason ${pdfTextString(options.reason)}`] : []),
    '>>',
  ].join(' ');
  const objects: Record<number, string> = {
    [sigNumber]: sigDictionary,
    [fieldNumber]: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature${fieldNumber}) /V ${sigNumber} 0 R /Rect [0 0 0 0] /F 132 >>`,
  };
  // List the field in the catalog's AcroForm, as viewers look for it there (a catalog that has one is left alone).
  const catalog = new RegExp(`(?:^|\\s)${root} 0 obj\\s*([\\s\\S]*?)\\s*endobj`, 'g');
  const catalogBody = [...text.matchAll(catalog)].pop()?.[1];
  if (catalogBody && !catalogBody.includes('/AcroForm')) {
    objects[root] = `${catalogBody.replace(/>>\s*$/, '')} /AcroForm << /Fields [${fieldNumber} 0 R] /SigFlags 3 >> >>`;
  }
  const file = Buffer.from(appendIncrementalUpdate(pdf, objects));

  const placeholderAt = file.lastIndexOf(latin1(`/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>`));
  const hexStart = placeholderAt + '/Contents '.length;
  const gapStart = hexStart - (options.unsignedBeforeContents ?? 0);
  const gapEnd = hexStart + CONTENTS_BYTES * 2 + 2;
  const byteRange = `[0 ${gapStart} ${gapEnd} ${file.length - gapEnd}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  file.write(byteRange, file.lastIndexOf(latin1(BYTE_RANGE_PLACEHOLDER)), 'latin1');

  const signed = Buffer.concat([file.subarray(0, gapStart), file.subarray(gapEnd)]);
  const cms = forge.pkcs7.createSignedData();
  cms.content = forge.util.createBuffer(signed.toString('binary'));
  cms.addCertificate(signer.cert);
  for (const cert of options.chain ?? []) cms.addCertificate(cert);
  cms.addSigner({
    key: signer.key,
    certificate: signer.cert,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest! },
      ...(options.signingTimeAttribute === false ? [] : [{ type: forge.pki.oids.signingTime!, value: signingTime.toISOString() }]),
    ],
  });
  cms.sign({ detached: true });
  const der = Buffer.from(forge.asn1.toDer(cms.toAsn1()).getBytes(), 'binary');
  if (der.length > CONTENTS_BYTES) throw new Error(`CMS of ${der.length} bytes does not fit the placeholder`);
  file.write(der.toString('hex').toUpperCase(), hexStart + 1, 'latin1');
  return new Uint8Array(file);
}

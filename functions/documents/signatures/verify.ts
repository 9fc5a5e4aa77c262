// Checks the digital signatures embedded in a PDF (PAdES, and adbe.pkcs7.detached which is the same CMS): that the
// signed bytes are unchanged, that the signature is the signer's, that the signer's certificate was valid when
// signing and chains to one of the tenant's trusted CAs. Pure: the caller gives the bytes, the trust list and the
// time. Not checked: revocation (CRL/OCSP), timestamps (the signing time is the signer's claim), DocMDP permissions.
import { createHash, createVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { certificateFields, derLength, OID, parseSignedData, type CertificateFields, type SignerInfo } from './cms';
import { findSignatureDictionaries, pdfDateToIso, type PdfSignatureDictionary } from './pdf';

export interface SignatureVerdict {
  /** 'valid' | 'modified' (bytes changed after signing or digest/signature mismatch) | 'untrusted' (no chain to a trusted CA) | 'expired' (certificate not valid at signing time) | 'invalid' (malformed, unsupported algorithm) */
  verdict: 'valid' | 'modified' | 'untrusted' | 'expired' | 'invalid';
  signer?: string;            // the signer certificate subject's CN (or /Name of the dictionary)
  subject?: string;           // full subject, e.g. "CN=Nguyễn Văn A\nO=UBND tỉnh Nghệ An" as node's X509Certificate gives it
  serialNumber?: string;      // hex, upper case as X509Certificate.serialNumber gives it
  issuer?: string;
  signingTime?: string;       // ISO 8601 from the signingTime signed attribute (else the /M of the dictionary), with 'Z' or offset
  coversWholeFile: boolean;   // ByteRange covers the whole file except the /Contents hex (false => appended changes after signing)
  chainTrusted: boolean;
  reasons: string[];          // machine-readable codes explaining non-valid verdicts (ReasonCode)
  /** The /Reason of the signature dictionary ("Phê duyệt", "Ký ban hành"), as the signer wrote it. */
  signingReason?: string;
  /** /SubFilter: ETSI.CAdES.detached, adbe.pkcs7.detached, ETSI.RFC3161 (a document timestamp, not checked here)… */
  subFilter?: string;
}

export interface SignatureReport { signed: boolean; signatures: SignatureVerdict[]; checkedAt: string }

/** Why a signature is not valid, and the verdict each reason leads to. */
const REASON_VERDICTS = {
  MALFORMED: 'invalid', // the signature dictionary or the CMS cannot be read
  UNSUPPORTED_FORMAT: 'invalid', // encapsulated content (timestamps, adbe.pkcs7.sha1), several signers
  UNSUPPORTED_ALGORITHM: 'invalid', // a digest or signature algorithm not handled here (RSASSA-PSS, MD5…)
  BYTE_RANGE_INVALID: 'invalid', // the signed range leaves out more than the /Contents hex string
  SIGNER_CERT_NOT_FOUND: 'invalid', // no certificate matches the signer identifier or verifies the signature
  DIGEST_MISMATCH: 'modified', // the signed bytes changed
  BAD_SIGNATURE: 'modified', // the signed attributes changed, or the signature is not the signer certificate's
  BYTES_AFTER_SIGNATURE: 'modified', // the file continues after the signed range (an incremental update)
  FILE_TRUNCATED: 'modified', // the signed range runs past the end of the file
  CERT_EXPIRED: 'expired', // the signer certificate had expired at the signing time
  CERT_NOT_YET_VALID: 'expired', // the signer certificate was not yet valid at the signing time
  NO_TRUSTED_CHAIN: 'untrusted', // no chain from the signer certificate to a trusted CA
} as const satisfies Record<string, SignatureVerdict['verdict']>;

export type ReasonCode = keyof typeof REASON_VERDICTS;

const SEVERITY: Record<SignatureVerdict['verdict'], number> = { valid: 0, untrusted: 1, expired: 2, modified: 3, invalid: 4 };

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms: the key type they need and their hash (undefined: the signer info's digest algorithm). */
const SIGNATURES: Record<string, { keyType: 'rsa' | 'ec'; hash?: string }> = {
  '1.2.840.113549.1.1.1': { keyType: 'rsa' },
  '1.2.840.113549.1.1.5': { keyType: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { keyType: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { keyType: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { keyType: 'rsa', hash: 'sha512' },
  '1.2.840.10045.2.1': { keyType: 'ec' },
  '1.2.840.10045.4.3.2': { keyType: 'ec', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { keyType: 'ec', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { keyType: 'ec', hash: 'sha512' },
};

const MAX_CHAIN_LENGTH = 8;

interface Cert { x509: X509Certificate; fields: CertificateFields }

/** Inspects every signature of a PDF. `trustedCas` are PEM certificates (the tenant's trusted list). `now` is the check time. Never throws on bad input: a non-PDF or broken signature gives verdict 'invalid' (or signed:false when no signature dictionary exists). */
export function inspectPdfSignatures(pdf: Uint8Array, trustedCas: string[], now: Date): SignatureReport {
  const checkedAt = now.toISOString();
  let file: Buffer;
  let dictionaries: PdfSignatureDictionary[];
  try {
    file = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    dictionaries = findSignatureDictionaries(file);
  } catch {
    return { signed: false, signatures: [], checkedAt };
  }
  if (dictionaries.length === 0) return { signed: false, signatures: [], checkedAt };
  const trusted = parseTrustedList(trustedCas);
  return { signed: true, signatures: dictionaries.map((d) => inspectSignature(file, d, trusted, now)), checkedAt };
}

function parseTrustedList(pems: string[]): Cert[] {
  const out: Cert[] = [];
  for (const pem of pems) {
    // One entry may be a bundle; an unreadable entry is the tenant's configuration problem, not the document's.
    for (const block of String(pem).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
      const cert = readCertificate(block);
      if (cert) out.push(cert);
    }
  }
  return out;
}

function readCertificate(input: Buffer | string): Cert | undefined {
  try {
    const x509 = new X509Certificate(input);
    return { x509, fields: certificateFields(x509.raw) };
  } catch {
    return undefined;
  }
}

function inspectSignature(file: Buffer, dict: PdfSignatureDictionary, trusted: Cert[], now: Date): SignatureVerdict {
  const reasons = new Set<ReasonCode>();
  const verdict: SignatureVerdict = { verdict: 'valid', coversWholeFile: false, chainTrusted: false, reasons: [] };
  const finish = () => {
    verdict.reasons = [...reasons];
    for (const reason of reasons) {
      if (SEVERITY[REASON_VERDICTS[reason]] > SEVERITY[verdict.verdict]) verdict.verdict = REASON_VERDICTS[reason];
    }
    return verdict;
  };
  if (dict.name) verdict.signer = dict.name;
  if (dict.reason) verdict.signingReason = dict.reason;
  if (dict.subFilter) verdict.subFilter = dict.subFilter;
  const claimedTime = dict.m === undefined ? undefined : pdfDateToIso(dict.m);
  if (claimedTime) verdict.signingTime = claimedTime;
  if (dict.malformed || dict.duplicateKeys || !dict.contents) {
    reasons.add('MALFORMED');
    return finish();
  }
  try {
    checkSignature(file, dict, dict.contents.hex, trusted, now, verdict, reasons);
  } catch {
    // A DerError mostly (the CMS is not what it claims); whatever else a broken input may cause is just as unusable.
    reasons.add('MALFORMED');
  }
  return finish();
}

function checkSignature(
  file: Buffer, dict: PdfSignatureDictionary, hex: string, trusted: Cert[], now: Date,
  verdict: SignatureVerdict, reasons: Set<ReasonCode>,
): void {
  const signedRanges = checkByteRange(file, dict, verdict, reasons);

  const padded = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
  const cms = parseSignedData(padded.subarray(0, derLength(padded)));
  if (!cms.detached || cms.eContentType !== OID.data || cms.signerInfos.length !== 1) {
    reasons.add(cms.signerInfos.length === 0 ? 'MALFORMED' : 'UNSUPPORTED_FORMAT');
    return;
  }
  const signerInfo = cms.signerInfos[0]!;
  const digest = DIGESTS[signerInfo.digestAlgorithm];
  const scheme = SIGNATURES[signerInfo.signatureAlgorithm];
  if (!digest || !scheme) {
    reasons.add('UNSUPPORTED_ALGORITHM');
    return;
  }
  if (signerInfo.signedAttrs) {
    // RFC 5652 5.3: with signed attributes, the message digest is required and the content type must match.
    if (!signerInfo.messageDigest || (signerInfo.contentType !== undefined && signerInfo.contentType !== cms.eContentType)) {
      reasons.add('MALFORMED');
      return;
    }
    if (signedRanges) {
      const hash = createHash(digest);
      for (const range of signedRanges) hash.update(range);
      if (!hash.digest().equals(signerInfo.messageDigest)) reasons.add('DIGEST_MISMATCH');
    }
  }
  if (signerInfo.signingTime) verdict.signingTime = signerInfo.signingTime.toISOString();

  // Without signed attributes the signature is over the content itself, which needs the byte range.
  const signed = signerInfo.signedAttrs ? [signerInfo.signedAttrs] : signedRanges;
  if (!signed) return;
  const verifies = (cert: Cert) => verifySignature(cert.x509.publicKey, scheme, scheme.hash ?? digest, signed, signerInfo.signature);
  const embedded = cms.certificates.map((der) => readCertificate(der)).filter((c): c is Cert => c !== undefined);
  const candidates = [...embedded, ...trusted];
  let signer = candidates.find((c) => matchesSid(c, signerInfo));
  if (signer) {
    if (!verifies(signer)) reasons.add('BAD_SIGNATURE');
  } else {
    signer = candidates.find(verifies);
    if (!signer) {
      reasons.add('SIGNER_CERT_NOT_FOUND');
      return;
    }
  }

  verdict.signer = signer.fields.commonName ?? verdict.signer;
  verdict.subject = signer.x509.subject;
  verdict.issuer = signer.x509.issuer;
  verdict.serialNumber = signer.x509.serialNumber;

  const at = signerInfo.signingTime ?? (verdict.signingTime ? new Date(verdict.signingTime) : now);
  if (at < signer.fields.notBefore) reasons.add('CERT_NOT_YET_VALID');
  if (at > signer.fields.notAfter) reasons.add('CERT_EXPIRED');

  verdict.chainTrusted = chainsToTrusted(signer.x509, candidates, new Set(trusted.map((c) => c.x509.fingerprint256)), 0, new Set());
  if (!verdict.chainTrusted) reasons.add('NO_TRUSTED_CHAIN');
}

/**
 * The signed bytes, when /ByteRange is [0 a b c] with the gap a..b exactly the /Contents hex string: a wider gap
 * would leave unsigned bytes that could be changed (signature wrapping). Bytes after b+c are an incremental update
 * made after signing: what the file shows may no longer be what was signed.
 */
function checkByteRange(file: Buffer, dict: PdfSignatureDictionary, verdict: SignatureVerdict, reasons: Set<ReasonCode>): Buffer[] | undefined {
  const range = dict.byteRange;
  const contents = dict.contents!;
  if (!range || range.length !== 4 || range[0] !== 0 || range[1] !== contents.start || range[2] !== contents.end) {
    reasons.add('BYTE_RANGE_INVALID');
    return undefined;
  }
  const [, firstLength, secondStart, secondLength] = range as [number, number, number, number];
  const end = secondStart + secondLength;
  if (end > file.length) {
    reasons.add('FILE_TRUNCATED');
    return undefined;
  }
  verdict.coversWholeFile = end === file.length;
  if (!verdict.coversWholeFile) reasons.add('BYTES_AFTER_SIGNATURE');
  return [file.subarray(0, firstLength), file.subarray(secondStart, end)];
}

function matchesSid(cert: Cert, signerInfo: SignerInfo): boolean {
  return signerInfo.sidIssuer !== undefined && signerInfo.sidSerial !== undefined
    && cert.fields.issuer.equals(signerInfo.sidIssuer) && cert.fields.serial.equals(signerInfo.sidSerial);
}

function verifySignature(key: KeyObject, scheme: { keyType: 'rsa' | 'ec' }, hash: string, data: Buffer[], signature: Buffer): boolean {
  // node picks the scheme from the key: an EC key must not pass for an RSA signature algorithm or the reverse.
  if (key.asymmetricKeyType !== scheme.keyType) return false;
  try {
    const verifier = createVerify(hash);
    for (const part of data) verifier.update(part);
    return verifier.verify(key, signature);
  } catch {
    return false;
  }
}

/** Depth-first: cross-certified CAs can offer several issuers, and only one path may lead to the trusted list. */
function chainsToTrusted(cert: X509Certificate, pool: Cert[], trusted: Set<string>, depth: number, visited: Set<string>): boolean {
  if (trusted.has(cert.fingerprint256)) return true;
  if (depth >= MAX_CHAIN_LENGTH) return false;
  visited.add(cert.fingerprint256);
  return pool.some(({ x509: issuer }) =>
    issuer.ca && !visited.has(issuer.fingerprint256) && cert.checkIssued(issuer) && issuedBy(cert, issuer)
    && chainsToTrusted(issuer, pool, trusted, depth + 1, visited));
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false; // a key type OpenSSL cannot verify with
  }
}

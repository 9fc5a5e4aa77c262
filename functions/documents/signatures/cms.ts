// CMS SignedData (RFC 5652) as PDF signatures carry it: the fields a detached-signature check reads, and the few
// certificate fields node's X509Certificate does not give in a usable form (DER issuer and serial to match the
// signer identifier, the validity as dates, the subject CN unescaped).
import {
  children, DerError, encodingOf, expectTag, oidOf, readTlv, TAG, timeOf, valueOf, type Tlv,
} from './der';

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  commonName: '2.5.4.3',
} as const;

export interface SignerInfo {
  /** issuerAndSerialNumber: the DER of the issuer Name and the serial's INTEGER contents (absent for a key id). */
  sidIssuer?: Buffer;
  sidSerial?: Buffer;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  signature: Buffer;
  /** The signed attributes re-tagged as SET OF (0x31), which is what the signature covers (RFC 5652 5.4). */
  signedAttrs?: Buffer;
  contentType?: string;
  messageDigest?: Buffer;
  signingTime?: Date;
}

export interface SignedData {
  eContentType: string;
  /** false when the content is encapsulated: PDF signatures are detached, timestamps and adbe.pkcs7.sha1 are not. */
  detached: boolean;
  certificates: Buffer[];
  signerInfos: SignerInfo[];
}

/** The length of the DER value at the start of `bytes`: /Contents is zero-padded after it. */
export function derLength(bytes: Buffer): number {
  return readTlv(bytes, 0).end;
}

export function parseSignedData(der: Buffer): SignedData {
  const contentInfo = expectTag(readTlv(der, 0), TAG.SEQUENCE);
  if (contentInfo.end !== der.length) throw new DerError('trailing bytes');
  const [type, explicit] = children(der, contentInfo);
  if (oidOf(der, type) !== OID.signedData) throw new DerError('not SignedData');
  const signedData = expectTag(children(der, expectTag(explicit, TAG.CONTEXT_0))[0], TAG.SEQUENCE);
  const fields = children(der, signedData);
  // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
  expectTag(fields[0], TAG.INTEGER);
  expectTag(fields[1], TAG.SET);
  const [eContentType, eContent] = children(der, expectTag(fields[2], TAG.SEQUENCE));
  const rest = fields.slice(3);
  const certificates = rest[0]?.tag === TAG.CONTEXT_0
    // CertificateChoices: only plain certificates (SEQUENCE); attribute and other certificates are skipped.
    ? children(der, rest.shift()!).filter((c) => c.tag === TAG.SEQUENCE).map((c) => encodingOf(der, c))
    : [];
  if (rest[0]?.tag === TAG.CONTEXT_1) rest.shift();
  if (rest.length !== 1) throw new DerError('bad SignedData');
  const signerInfos = children(der, expectTag(rest[0], TAG.SET)).map((s) => parseSignerInfo(der, s));
  return { eContentType: oidOf(der, eContentType), detached: eContent === undefined, certificates, signerInfos };
}

function algorithmOf(der: Buffer, tlv: Tlv | undefined): string {
  return oidOf(der, children(der, expectTag(tlv, TAG.SEQUENCE))[0]);
}

function parseSignerInfo(der: Buffer, tlv: Tlv): SignerInfo {
  const fields = children(der, expectTag(tlv, TAG.SEQUENCE));
  expectTag(fields[0], TAG.INTEGER);
  const sid = fields[1];
  const info: Partial<SignerInfo> = {};
  if (sid?.tag === TAG.SEQUENCE) {
    const [issuer, serial] = children(der, sid);
    info.sidIssuer = encodingOf(der, expectTag(issuer, TAG.SEQUENCE));
    info.sidSerial = valueOf(der, expectTag(serial, TAG.INTEGER));
  } else if (sid?.tag !== 0x80) { // [0] SubjectKeyIdentifier: the signer is then found by its key
    throw new DerError('bad signer identifier');
  }
  info.digestAlgorithm = algorithmOf(der, fields[2]);
  let next = 3;
  if (fields[next]?.tag === TAG.CONTEXT_0) {
    const attrs = fields[next++]!;
    info.signedAttrs = Buffer.concat([Buffer.from([TAG.SET]), der.subarray(attrs.start + 1, attrs.end)]);
    readSignedAttributes(der, attrs, info);
  }
  info.signatureAlgorithm = algorithmOf(der, fields[next++]);
  info.signature = valueOf(der, expectTag(fields[next++], TAG.OCTET_STRING));
  if (fields[next]?.tag === TAG.CONTEXT_1) next++;
  if (next !== fields.length) throw new DerError('bad SignerInfo');
  return info as SignerInfo;
}

function readSignedAttributes(der: Buffer, attrs: Tlv, info: Partial<SignerInfo>): void {
  const seen = new Set<string>();
  for (const attr of children(der, attrs)) {
    const [type, values] = children(der, expectTag(attr, TAG.SEQUENCE));
    const oid = oidOf(der, type);
    const all = children(der, expectTag(values, TAG.SET));
    if (oid !== OID.contentType && oid !== OID.messageDigest && oid !== OID.signingTime) continue;
    // RFC 5652 11: these three are single-valued and appear once; a second value would let two readers disagree.
    if (seen.has(oid) || all.length !== 1) throw new DerError(`ambiguous attribute ${oid}`);
    seen.add(oid);
    const value = all[0]!;
    if (oid === OID.contentType) info.contentType = oidOf(der, value);
    else if (oid === OID.messageDigest) info.messageDigest = valueOf(der, expectTag(value, TAG.OCTET_STRING));
    else info.signingTime = timeOf(der, value);
  }
}

export interface CertificateFields {
  /** DER of the issuer Name and the serial's INTEGER contents, as a signer identifier names them. */
  issuer: Buffer;
  serial: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** The most specific CN of the subject, decoded (X509Certificate.subject escapes , + " and the like). */
  commonName?: string;
}

export function certificateFields(der: Buffer): CertificateFields {
  const [tbs] = children(der, expectTag(readTlv(der, 0), TAG.SEQUENCE));
  const fields = children(der, expectTag(tbs, TAG.SEQUENCE));
  const at = fields[0]?.tag === TAG.CONTEXT_0 ? 1 : 0; // [0] version is absent for v1 certificates
  const serial = valueOf(der, expectTag(fields[at], TAG.INTEGER));
  const issuer = encodingOf(der, expectTag(fields[at + 2], TAG.SEQUENCE));
  const [notBefore, notAfter] = children(der, expectTag(fields[at + 3], TAG.SEQUENCE));
  return {
    issuer, serial, notBefore: timeOf(der, notBefore), notAfter: timeOf(der, notAfter),
    commonName: commonNameOf(der, expectTag(fields[at + 4], TAG.SEQUENCE)),
  };
}

function commonNameOf(der: Buffer, name: Tlv): string | undefined {
  let found: string | undefined;
  for (const rdn of children(der, name)) {
    for (const pair of children(der, expectTag(rdn, TAG.SET))) {
      const [type, value] = children(der, expectTag(pair, TAG.SEQUENCE));
      if (oidOf(der, type) === OID.commonName && value) found = directoryString(valueOf(der, value), value.tag);
    }
  }
  return found;
}

function directoryString(bytes: Buffer, tag: number): string {
  switch (tag) {
    case 0x0c: return bytes.toString('utf8');
    case 0x1e: { // BMPString: UTF-16BE
      const swapped = Buffer.from(bytes.subarray(0, bytes.length & ~1));
      return swapped.swap16().toString('utf16le');
    }
    case 0x1c: { // UniversalString: UTF-32BE
      const points: number[] = [];
      for (let i = 0; i + 4 <= bytes.length; i += 4) points.push(bytes.readUInt32BE(i));
      return points.filter((p) => p <= 0x10ffff).map((p) => String.fromCodePoint(p)).join('');
    }
    // PrintableString, IA5String, TeletexString (read as Latin-1, as most software writes it).
    default: return bytes.toString('latin1');
  }
}

// A minimal DER reader for the few CMS and certificate fields a PDF signature check needs. The input comes from
// uploaded files: every length is checked against its container, and BER's indefinite lengths and high tag numbers
// are refused (PAdES requires DER, and the signed attributes must be hashed exactly as they were encoded).

export class DerError extends Error {}

/** One tag-length-value: offsets into the buffer it was read from. */
export interface Tlv {
  /** The identifier octet: class, constructed bit and tag number. */
  tag: number;
  start: number;
  valueStart: number;
  end: number;
}

export const TAG = {
  INTEGER: 0x02, OCTET_STRING: 0x04, OID: 0x06, UTC_TIME: 0x17, GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30, SET: 0x31, CONTEXT_0: 0xa0, CONTEXT_1: 0xa1, CONTEXT_3: 0xa3,
} as const;

export function readTlv(buf: Uint8Array, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag number');
  let pos = offset + 1;
  let length = buf[pos++]!;
  if (length === 0x80) throw new DerError('indefinite length');
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || pos + count > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++]!;
  }
  const end = pos + length;
  if (end > limit) throw new DerError('length beyond its container');
  return { tag, start: offset, valueStart: pos, end };
}

export function expectTag(tlv: Tlv | undefined, tag: number): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)}`);
  return tlv;
}

export function children(buf: Uint8Array, tlv: Tlv): Tlv[] {
  if (!(tlv.tag & 0x20)) throw new DerError('not constructed');
  const out: Tlv[] = [];
  for (let pos = tlv.valueStart; pos < tlv.end;) {
    const child = readTlv(buf, pos, tlv.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export const valueOf = (buf: Buffer, tlv: Tlv): Buffer => buf.subarray(tlv.valueStart, tlv.end);
export const encodingOf = (buf: Buffer, tlv: Tlv): Buffer => buf.subarray(tlv.start, tlv.end);

export function oidOf(buf: Buffer, tlv: Tlv | undefined): string {
  const bytes = valueOf(buf, expectTag(tlv, TAG.OID));
  if (bytes.length === 0 || (bytes[bytes.length - 1]! & 0x80)) throw new DerError('bad OID');
  // BigInt: UUID-based arcs (2.25.…) exceed 2^53; such OIDs are never supported, but must not alias one that is.
  const arcs: bigint[] = [];
  let arc = 0n;
  for (const byte of bytes) {
    arc = (arc << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) { arcs.push(arc); arc = 0n; }
  }
  const first = arcs.shift()!;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs].join('.');
}

/** UTCTime or GeneralizedTime. DER wants Zulu with seconds; offsets and missing seconds (BER) are read too. */
export function timeOf(buf: Buffer, tlv: Tlv | undefined): Date {
  if (!tlv || (tlv.tag !== TAG.UTC_TIME && tlv.tag !== TAG.GENERALIZED_TIME)) throw new DerError('expected a time');
  const text = valueOf(buf, tlv).toString('latin1');
  const match = tlv.tag === TAG.UTC_TIME
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?()(Z|[+-]\d{4})$/.exec(text)
    : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(\.\d{1,9})?(Z|[+-]\d{4})?$/.exec(text);
  if (!match) throw new DerError('bad time');
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone = 'Z'] = match;
  // RFC 5280: two-digit years 50-99 are 19xx.
  const year = y!.length === 2 ? (Number(y) >= 50 ? 1900 : 2000) + Number(y) : Number(y);
  const local = Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(Number(`0${fraction || '.0'}`) * 1000));
  // Date.UTC rolls 31 February over into March: refuse what does not read back.
  const check = new Date(local);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new DerError('bad time');
  }
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
  return new Date(local - offsetMinutes * 60_000);
}

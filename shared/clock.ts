// Time as people in Vietnam read it: ISO 8601 with the +07:00 offset of Asia/Ho_Chi_Minh on the wire.

const VIETNAM_OFFSET_MINUTES = 7 * 60; // Vietnam has no daylight saving time.

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** `2026-11-24T18:05:00+07:00` for the given instant. */
export function toVietnamIso(instant: Date): string {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}

/** `17:00 25/11/2026`: a time as a Vietnamese reader writes it, in Asia/Ho_Chi_Minh. */
export function formatVietnamDateTime(instant: Date): string {
  const iso = toVietnamIso(instant);
  return `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

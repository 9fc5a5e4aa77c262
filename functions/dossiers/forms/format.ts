// How the forms write dates, times, places and authorities in Vietnamese (Decree 30/2020/NĐ-CP, Annex I, on the
// presentation of administrative documents). Pure functions of their inputs; every time is read in Asia/Ho_Chi_Minh.

const VIETNAM_OFFSET_MS = 7 * 3_600_000; // Vietnam has no daylight saving time.

export interface VietnamTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock reading in Vietnam of an ISO 8601 instant (any offset). */
export function vietnamTime(iso: string): VietnamTime {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO 8601 instant: ${iso}`);
  const t = new Date(ms + VIETNAM_OFFSET_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes() };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The place-and-date line: `Nghệ An, ngày 24 tháng 11 năm 2026`. Decree 30/2020: a day below 10 and the months
 * 1 and 2 take a leading zero (`ngày 05 tháng 02 năm 2026`), the other months do not (`tháng 3`).
 */
export function placeAndDate(place: string, iso: string): string {
  const { year, month, day } = vietnamTime(iso);
  return `${place}, ${dateWords({ year, month, day })}`;
}

/** `ngày 24 tháng 11 năm 2026` (the same rule as placeAndDate). */
export function dateWords({ year, month, day }: Pick<VietnamTime, 'year' | 'month' | 'day'>): string {
  return `ngày ${two(day)} tháng ${month <= 2 ? two(month) : month} năm ${year}`;
}

/** `24/11/2026`. */
export function shortDate(iso: string): string {
  const { year, month, day } = vietnamTime(iso);
  return `${two(day)}/${two(month)}/${year}`;
}

/** `08 giờ 05 phút, ngày 03/12/2026`: the form's way of giving a receipt or an appointment time. */
export function timeAndDate(iso: string): string {
  const { hour, minute } = vietnamTime(iso);
  return `${two(hour)} giờ ${two(minute)} phút, ngày ${shortDate(iso)}`;
}

/** `1 ngày làm việc`, `0,5 ngày làm việc` (a decimal comma), or undefined for a procedure without a time limit. */
export function workingDays(days: number | null): string | undefined {
  if (days === null) return undefined;
  return `${String(days).replace('.', ',')} ngày làm việc`;
}

/** `01`, `02`, … `10`: counts on the forms (Số lượng hồ sơ: 01 bộ). */
export const count2 = (n: number): string => two(n);

/** The six centrally-run cities (thành phố trực thuộc trung ương) since 1 July 2025; the other 28 are provinces. */
export const MUNICIPALITY_CODES: readonly string[] = ['01', '31', '46', '48', '79', '92'];

export interface TenantNaming {
  /** The province's name as in shared/provinces.ts: `Nghệ An`, `Huế`, `TP. Hồ Chí Minh`. */
  name: string;
  provinceCode: string;
}

/** The name as written in running text and in the place line: `TP. Hồ Chí Minh` in full as Thành phố Hồ Chí Minh. */
export function placeName(tenant: TenantNaming): string {
  return tenant.name.replace(/^TP\.\s*/, 'Thành phố ');
}

/** `Ủy ban nhân dân tỉnh Nghệ An`, `Ủy ban nhân dân thành phố Huế`, `Ủy ban nhân dân Thành phố Hồ Chí Minh`. */
export function provincialAuthority(tenant: TenantNaming): string {
  const place = placeName(tenant);
  if (place.startsWith('Thành phố ')) return `Ủy ban nhân dân ${place}`;
  return `Ủy ban nhân dân ${MUNICIPALITY_CODES.includes(tenant.provinceCode) ? 'thành phố' : 'tỉnh'} ${place}`;
}

/** Upper case as Vietnamese writes it (ệ → Ệ, đ → Đ), for the header lines. */
export const upper = (text: string): string => text.toLocaleUpperCase('vi-VN');

/** How the dossier was submitted (DOMAIN.md: 1 in person, 2 online, 3 by post). */
export const CHANNEL_NAMES: Readonly<Record<number, string>> = {
  1: 'Trực tiếp tại Bộ phận Một cửa',
  2: 'Trực tuyến trên Cổng Dịch vụ công',
  3: 'Qua dịch vụ bưu chính',
};

/** Where the result is handed over, by channel (the dossier records no other choice yet). */
export function resultPlace(channel: number, unit: string, address: string): string {
  if (channel === 2) return 'Trực tuyến, trên tài khoản Cổng Dịch vụ công của người nộp hồ sơ';
  if (channel === 3) return `Qua dịch vụ bưu chính, tại địa chỉ: ${address}`;
  return `Bộ phận Một cửa của đơn vị tiếp nhận (mã ${unit})`;
}

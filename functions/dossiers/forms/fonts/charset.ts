// The characters the forms' font keeps: everything a Vietnamese form prints, and the Latin letters of foreign
// names. Anything else is printed as '?' (see pdf/text.ts). fonts/generate.ts subsets the font to exactly these.

/** Inclusive code point ranges. */
export const FORM_CHARSET: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x00ff], // Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý, « » ° § ×
  [0x0100, 0x017f], // Latin Extended-A: Ă ă Đ đ Ĩ ĩ Ũ ũ, and foreign names
  [0x01a0, 0x01a1], // Ơ ơ
  [0x01af, 0x01b0], // Ư ư
  [0x0300, 0x0301], // combining grave, acute
  [0x0303, 0x0303], // combining tilde
  [0x0309, 0x0309], // combining hook above
  [0x0323, 0x0323], // combining dot below
  [0x1ea0, 0x1ef9], // Latin Extended Additional: the Vietnamese letters with two marks (ạ ả ấ … ỹ)
  [0x2010, 0x2015], // hyphens and dashes
  [0x2018, 0x201e], // quotation marks
  [0x2020, 0x2022], // daggers, bullet
  [0x2026, 0x2026], // ellipsis
  [0x20ab, 0x20ab], // ₫
  [0x20ac, 0x20ac], // €
  [0x2116, 0x2116], // №
];

export const inFormCharset = (codePoint: number): boolean => FORM_CHARSET.some(([from, to]) => codePoint >= from && codePoint <= to);

/** Every character of FORM_CHARSET, in order. */
export function formCharsetText(): string {
  let text = '';
  for (const [from, to] of FORM_CHARSET) for (let c = from; c <= to; c++) text += String.fromCodePoint(c);
  return text;
}

// Text as people search it: Vietnamese typed with or without diacritics, in any case.

/**
 * The search form of a text: lower case, no diacritics (tones and the marks of ă â ê ô ơ ư), đ → d, whitespace
 * collapsed to single spaces and trimmed. `Đăng  ký KHAI SINH` and `dang ky khai sinh` fold to the same string,
 * whether the input was composed (NFC) or decomposed (NFD).
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

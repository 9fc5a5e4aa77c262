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

/** The distinct folded words of a text (two characters or more), at most `max`: the keys a search entry is found by. */
export const searchWords = (text: string, max: number): string[] =>
  [...new Set(foldVietnamese(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2))].slice(0, max);

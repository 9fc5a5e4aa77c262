// Vietnamese first, English on request. Every text a user sees is a { vi, en } pair, kept in its area's text.ts.
import { useEffect, useState } from 'preact/hooks';

export type Lang = 'vi' | 'en';
export interface Text { vi: string; en: string }

const STORAGE_KEY = 'tinhso.lang';
const listeners = new Set<(lang: Lang) => void>();
let current: Lang = readStored();

function readStored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const lang = (): Lang => current;

export function setLang(next: Lang): void {
  current = next;
  try { localStorage.setItem(STORAGE_KEY, next); } catch { /* private mode: the choice lasts this page */ }
  document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

/** The text in the current language. */
export const t = (text: Text): string => text[current];

/** Re-renders the component when the language changes; returns the current one. */
export function useLang(): Lang {
  const [value, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    return () => { listeners.delete(set); };
  }, []);
  return value;
}

// Outside a browser (unit tests of the pure helpers) there is no document.
if (typeof document !== 'undefined') document.documentElement.lang = current;

// Search without Scan: each issued or received document writes a few small entries, one per way of finding it
// (its number/symbol, type, issuing agency, every distinct subject word, and the tenant-wide date line); a search
// queries the most selective entry's partition by date range and filters by the rest.
import { badRequest } from '#shared/errors';
import { foldVietnamese, searchWords } from '#shared/text';
import { normalizeNumberSymbol } from './numbering';
import type { SearchQuery } from './schemas';
import { keys, type DocumentsStore } from './store';

export interface Searchable {
  id: string;
  kind: 'outgoing' | 'incoming';
  numberSymbol: string;
  type: string;
  subject: string;
  agency: string;
  agencyName: string;
  /** The document's date (issue date), yyyy-MM-dd. */
  date: string;
}

/** At most this many subject words are indexed: the entries of a document fit in its transaction. */
const MAX_WORDS = 40;
export const subjectWords = (subject: string): string[] => searchWords(subject, MAX_WORDS);

export function searchEntries(tenant: string, doc: Searchable): Record<string, unknown>[] {
  const summary = { ...doc, folded: foldVietnamese(doc.subject) };
  const entryKeys = [`NUM#${normalizeNumberSymbol(doc.numberSymbol)}`, `TYPE#${doc.type}`, `ORGAN#${doc.agency}`, 'ALL', ...subjectWords(doc.subject).map((w) => `WORD#${w}`)];
  return entryKeys.map((key) => ({ ...keys.find(tenant, key, doc.date, `${doc.kind}#${doc.id}`), ...summary }));
}

export async function search(store: DocumentsStore, tenant: string, q: SearchQuery) {
  const words = q.q ? subjectWords(q.q) : [];
  if (q.q && words.length === 0) throw badRequest('QUERY_TOO_SHORT', 'Từ khóa tìm kiếm quá ngắn.', 'The search words are too short.');
  // The first of these the query has decides the partition; the rest become filters.
  const [partition, ...rest] = [
    ...(q.numberSymbol ? [`NUM#${normalizeNumberSymbol(q.numberSymbol)}`] : []),
    ...words.map((w) => `WORD#${w}`),
    ...(q.agency ? [`ORGAN#${q.agency}`] : []),
    ...(q.type ? [`TYPE#${q.type}`] : []),
    'ALL',
  ];
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  rest.forEach((key, i) => {
    if (key.startsWith('WORD#')) { filters.push(`contains(folded, :w${i})`); values[`:w${i}`] = key.slice(5); }
    else if (key.startsWith('ORGAN#')) { filters.push('agency = :agency'); values[':agency'] = key.slice(6); }
    else if (key.startsWith('TYPE#')) { filters.push('#type = :type'); values[':type'] = key.slice(5); names['#type'] = 'type'; }
  });
  const page = await store.query({
    pk: keys.find(tenant, partition!, '', '').pk,
    from: q.from ?? '0000', to: `${q.to ?? '9999-12-31'}#\uffff`,
    forward: false, limit: q.limit, cursor: q.cursor,
    ...(filters.length ? { filter: { expression: filters.join(' AND '), values, ...(Object.keys(names).length ? { names } : {}) } } : {}),
  });
  return {
    items: page.items.map((i) => ({
      id: String(i.id), kind: i.kind as 'outgoing' | 'incoming', numberSymbol: String(i.numberSymbol), type: String(i.type), subject: String(i.subject),
      agency: String(i.agency), agencyName: String(i.agencyName), date: String(i.date),
    })),
    cursor: page.cursor,
  };
}

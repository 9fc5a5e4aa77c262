// Numbers and symbols of documents (DOMAIN.md, Decree 30/2020): `05/QĐ-UBND`, `12/UBND-VP` for a công văn.
import { toVietnamIso } from '#shared/clock';
import type { ConfidentialityId } from './catalog';
import { documentType } from './catalog';

/** Numbers below 10 carry a leading zero: 01 … 09, 10, 11 … */
export const formatNumber = (n: number): string => String(n).padStart(2, '0');

/**
 * The symbol: the type's abbreviation and the issuing body's (`QĐ-UBND`); a công văn has no type abbreviation and
 * names the issuing body and the drafting unit instead (`UBND-VP`).
 */
export function documentSymbol(typeId: string, issuingAbbr: string, draftingAbbr?: string): string {
  const type = documentType(typeId);
  if (!type) throw new Error(`Unknown document type ${typeId}`);
  if (!type.abbr) return draftingAbbr && draftingAbbr !== issuingAbbr ? `${issuingAbbr}-${draftingAbbr}` : issuingAbbr;
  return `${type.abbr}-${issuingAbbr}`;
}

export const numberAndSymbol = (n: number, symbol: string): string => `${formatNumber(n)}/${symbol}`;

/** Each register runs per unit and year; confidential documents have a series of their own. */
export type Series = 'out' | 'out-confidential' | 'in';
export const outgoingSeries = (confidentiality: ConfidentialityId): Series => (confidentiality === 'thuong' ? 'out' : 'out-confidential');

/** The year a document is numbered in: the calendar year in Vietnam (numbers restart on 1 January, Vietnam time). */
export const vietnamYear = (at: Date): number => Number(toVietnamIso(at).slice(0, 4));

/** edXML DocumentId: `OrganId,yyyy/MM/dd,Số/KýHiệu`, e.g. `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`. */
export function edxmlDocumentId(organId: string, issuedAt: string, numberSymbol: string): string {
  return `${organId},${issuedAt.slice(0, 10).replaceAll('-', '/')},${numberSymbol}`;
}

/** The comparable form of a number/symbol: what a person types (`5/qd-ubnd`) finds `05/QĐ-UBND`. */
export function normalizeNumberSymbol(value: string): string {
  const [num, ...rest] = value.trim().split('/');
  const symbol = rest.join('/').normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toUpperCase().replace(/\s+/g, '');
  const n = Number(num);
  return `${Number.isInteger(n) && n > 0 ? formatNumber(n) : (num ?? '').trim()}/${symbol}`;
}

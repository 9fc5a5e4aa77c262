// Dossier codes: `{agency code of the receiving unit}-{yyMMdd}-{NNNN}`, the counter per unit per day.

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** yyMMdd of the instant's date in Asia/Ho_Chi_Minh. */
export function vietnamDay(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(2, 10).replace(/-/g, '');
}

/** Four digits, more once a unit passes 9,999 dossiers in a day (the code stays unique and sortable within a day). */
export function dossierCode(unit: string, day: string, sequence: number): string {
  return `${unit}-${day}-${String(sequence).padStart(4, '0')}`;
}

export const DOSSIER_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/;

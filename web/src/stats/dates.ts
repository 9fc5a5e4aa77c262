// Days typed as Vietnamese users write them (dd/MM/yyyy; a native date input shows the browser's own format) and
// sent as the API's YYYY-MM-DD.

/** YYYY-MM-DD → dd/MM/yyyy. */
export const toDisplay = (day: string) => day.split('-').reverse().join('/');
/** d/M/yyyy (what was typed) → YYYY-MM-DD, or undefined when it is not a real date. */
export function fromDisplay(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const day = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) ? day : undefined;
}

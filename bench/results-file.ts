// Where every bench writes what it measured: bench/results/<name>.json and .md, with the machine it ran on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

export const RESULTS_DIR = resolve(import.meta.dirname, 'results');

/** When and on what a bench ran: the first fields of every result file. */
export const machine = () => ({ date: new Date().toISOString(), node: process.version, cpu: `${cpus()[0]?.model ?? '?'} (${cpus().length} CPUs)` });

/** Writes the JSON results and the Markdown summary, and prints the summary. */
export function writeBenchResults(name: string, results: unknown, markdown: string): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, `${name}.md`), markdown);
  console.log(markdown);
}

// `npm run build:web`: web/dist, and the record of its size in bench/results/web-bundle.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildWeb, INITIAL_JS_BUDGET_BYTES } from './build';

const webDir = import.meta.dirname;

async function main(): Promise<void> {
  const built = await buildWeb(join(webDir, 'dist'));
  const record = {
    measuredAt: new Date().toISOString(),
    budgetGzipBytes: INITIAL_JS_BUDGET_BYTES,
    initialJsGzipBytes: built.initialJsGzipBytes,
    initialJs: built.initialJs,
    lazyChunks: built.files.filter((f) => f.endsWith('.js') && !built.initialJs.some((i) => i.file === f)).length,
  };
  const file = join(webDir, '..', 'bench', 'results', 'web-bundle.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`web/dist: initial JavaScript ${(built.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped (budget ${INITIAL_JS_BUDGET_BYTES / 1024} KB); recorded in bench/results/${basename(file)}`);
}

main().catch((err: unknown) => {
  console.error(`web build: ${(err as Error).message}`);
  process.exitCode = 1;
});

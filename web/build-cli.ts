// `npm run build:web`: web/dist, and the record of its size in bench/results/web-bundle.json.
// `--out <dir>`: the same build into <dir>, nothing recorded (the CDK synth builds the deployed app so: WebHosting).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildWeb, INITIAL_JS_BUDGET_BYTES } from './build';

const webDir = import.meta.dirname;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (values.out !== undefined) {
    const built = await buildWeb(resolve(values.out));
    console.log(`${built.outDir}: initial JavaScript ${(built.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped (budget ${INITIAL_JS_BUDGET_BYTES / 1024} KB)`);
    return;
  }
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

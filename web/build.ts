// Builds the web app (web/src) into static files: index.html, hashed JS chunks and one stylesheet.
// The local suite builds it into its data folder at start; `npm run build:web` (build-cli.ts) builds web/dist and
// records the initial JavaScript's gzipped size in bench/results/web-bundle.json.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const webDir = import.meta.dirname;

/** A phone on a slow network must get the first screen from this much JavaScript (gzipped), or less. */
export const INITIAL_JS_BUDGET_BYTES = 200 * 1024;

export interface WebBuild {
  outDir: string;
  /** The scripts the first page load fetches: the entry and the chunks it imports statically. */
  initialJs: { file: string; bytes: number; gzipBytes: number }[];
  initialJsGzipBytes: number;
  /** Every emitted file, relative to outDir. */
  files: string[];
}

export class WebBudgetError extends Error {}

/** The entry's static import closure in esbuild's metafile: what the browser loads before the first render. */
function initialScripts(metafile: Metafile, entryOutput: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entryOutput);
  return [...seen];
}

export async function buildWeb(outDir: string, options: { budget?: number } = {}): Promise<WebBuild> {
  const out = resolve(outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'assets'), { recursive: true });
  const result = await build({
    absWorkingDir: webDir,
    entryPoints: ['src/main.tsx'],
    outdir: join(out, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    sourcemap: false,
    // Phones a few years old: Safari 15 and Chrome 100 run ES2020 natively.
    target: ['es2020', 'safari15', 'chrome100'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const outputs = Object.keys(result.metafile.outputs);
  const entry = outputs.find((file) => result.metafile.outputs[file]!.entryPoint === 'src/main.tsx');
  const css = outputs.find((file) => file.endsWith('.css'));
  if (!entry || !css) throw new Error('The web build emitted no entry script or stylesheet');
  const url = (file: string) => `/${relative(out, resolve(webDir, file)).split('\\').join('/')}`;
  const html = readFileSync(join(webDir, 'index.html'), 'utf8').replace('%JS%', url(entry)).replace('%CSS%', url(css));
  writeFileSync(join(out, 'index.html'), html);

  const initialJs = initialScripts(result.metafile, entry).map((file) => {
    const bytes = readFileSync(resolve(webDir, file));
    return { file: url(file).slice(1), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  const initialJsGzipBytes = initialJs.reduce((sum, f) => sum + f.gzipBytes, 0);
  const budget = options.budget ?? INITIAL_JS_BUDGET_BYTES;
  if (initialJsGzipBytes > budget) {
    throw new WebBudgetError(`The initial JavaScript is ${initialJsGzipBytes} bytes gzipped, over the budget of ${budget}: load the new code lazily (import()) or drop a dependency`);
  }
  return { outDir: out, initialJs, initialJsGzipBytes, files: ['index.html', ...outputs.map((f) => url(f).slice(1))] };
}

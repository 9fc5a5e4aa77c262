// Bundles one function exactly as CDK does (esbuild, LAMBDA_BUNDLE) and measures what it produced.
import { build, type Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LAMBDA_BUNDLE } from '#infra/bundling';

export interface InputShare {
  /** The input file (or, in topPackages, the npm package or repository folder). */
  path: string;
  /** Bytes this input contributes to the minified bundle (esbuild's bytesInOutput). */
  bytes: number;
}

export interface BuiltBundle {
  outfile: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  topInputs: InputShare[];
  topPackages: InputShare[];
}

const TOP = 5;

/** esbuild build() with bundle: true and the very options CDK's NodejsFunction gets; a .map file beside the bundle. */
export async function buildBundle(root: string, entry: string, outfile: string): Promise<BuiltBundle> {
  const result = await build({
    ...LAMBDA_BUNDLE,
    // Copies: esbuild's types want mutable arrays, LAMBDA_BUNDLE's are readonly.
    external: [...LAMBDA_BUNDLE.external],
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    metafile: true,
    write: true,
    logLevel: 'warning',
  });
  const code = readFileSync(outfile);
  const output = outputOf(result.metafile, relative(root, outfile));
  const inputs = Object.entries(output.inputs).map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }));
  return {
    outfile,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    mapBytes: readFileSync(`${outfile}.map`).length,
    topInputs: top(inputs),
    topPackages: top(sumBy(inputs, (i) => ownerOf(i.path))),
  };
}

function outputOf(metafile: Metafile, outfile: string): Metafile['outputs'][string] {
  const key = outfile.split('\\').join('/');
  const output = metafile.outputs[key] ?? Object.entries(metafile.outputs).find(([k]) => !k.endsWith('.map'))?.[1];
  if (!output) throw new Error(`esbuild's metafile has no output ${key}`);
  return output;
}

/** `node_modules/@aws-sdk/client-s3/dist-es/x.js` → `@aws-sdk/client-s3`; `shared/http/handler.ts` → `shared/`. */
export function ownerOf(path: string): string {
  const parts = path.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) {
    const name = parts[nm + 1] ?? '';
    return name.startsWith('@') ? `${name}/${parts[nm + 2] ?? ''}` : name;
  }
  return parts.length > 1 ? `${parts[0]}/` : path;
}

function sumBy(inputs: InputShare[], key: (i: InputShare) => string): InputShare[] {
  const sums = new Map<string, number>();
  for (const i of inputs) sums.set(key(i), (sums.get(key(i)) ?? 0) + i.bytes);
  return [...sums].map(([path, bytes]) => ({ path, bytes }));
}

function top(inputs: InputShare[]): InputShare[] {
  return [...inputs].sort((a, b) => b.bytes - a.bytes).slice(0, TOP);
}

export const outfileFor = (buildDir: string, name: string): string => join(buildDir, name, 'index.cjs');

// The web app takes a few plain-data modules from the server (status labels) so that people read the same words in
// the browser as in the API's answers. Such a module must stay free of imports: one `import` of zod or the AWS SDK there
// would pull it into every visitor's download. Type-only imports cost nothing (esbuild drops them) and are allowed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const webSrc = join(root, 'web', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Value imports (not `import type`, not `export type … from`) of server modules, by web file. */
function serverValueImports(): { from: string; target: string }[] {
  const found: { from: string; target: string }[] = [];
  for (const file of sources(webSrc)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
      const target = resolve(dirname(file), m[1]!);
      if (!relative(webSrc, target).startsWith('..')) continue;
      found.push({ from: relative(root, file), target: `${relative(root, target)}.ts` });
    }
  }
  return found;
}

describe('server modules the web app imports', () => {
  it('are the status catalogues, and each has no value import of its own', () => {
    const imports = serverValueImports();
    expect(imports.map((i) => i.target).sort()).toEqual(['functions/documents/status.ts', 'functions/dossiers/status.ts']);
    for (const { target } of imports) {
      const valueImports = readFileSync(join(root, target), 'utf8').split('\n').filter((line) => /^import\s+(?!type\b)/.test(line));
      expect({ target, valueImports }).toEqual({ target, valueImports: [] });
    }
  });
});

// Jest transform: TypeScript and ESM-only packages (middy) to CommonJS with esbuild, fast and without type checks
// (`npm run typecheck` does those). import.meta.dirname/url are given their real values for the file.
const { transformSync } = require('esbuild');
const { dirname } = require('node:path');
const { pathToFileURL } = require('node:url');

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      define: {
        'import.meta.dirname': JSON.stringify(dirname(filename)),
        'import.meta.url': JSON.stringify(pathToFileURL(filename).href),
      },
    });
    return { code: result.code };
  },
  getCacheKey(source, filename) {
    return require('node:crypto').createHash('sha256').update(source).update(filename).update('v1').digest('hex');
  },
};

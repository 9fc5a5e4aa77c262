// How every Lambda function is bundled, for CDK (NodejsFunction, local esbuild, never Docker) and for bench/.
// The SDK is bundled rather than taken from the runtime: smaller to load and pinned to our tested version.
export const LAMBDA_BUNDLE = {
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourcemap: true,
  /** Nothing is left to the runtime's node_modules. */
  external: [] as string[],
  /** Prefer ES module entry points so unused code can be dropped. */
  mainFields: ['module', 'main'],
} as const;

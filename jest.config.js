// Three projects, one `jest` run: unit (pure logic, no I/O), integration (the local suite on its stand-ins,
// Node 20 is supported for local work until the SDK drops it (it says so once per process; the README says so once).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// started once per run), infra (CDK template assertions and cdk-nag).
const common = {
  transform: { '\\.[cm]?[jt]s$': '<rootDir>/test/jest-transform.cjs' },
  // middy and a few AWS helpers ship ES modules only: let the transform turn them into CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  moduleNameMapper: {
    '^#shared/(.*)$': '<rootDir>/shared/$1',
    '^#functions/(.*)$': '<rootDir>/functions/$1',
    '^#infra/(.*)$': '<rootDir>/infra/$1',
    '^#local/(.*)$': '<rootDir>/local/$1',
  },
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs', 'json'],
  testEnvironment: 'node',
};

export default {
  // Jest reads testTimeout from the top level only (a project's own is ignored): integration tests drive a whole local
  // suite and may take seconds on a loaded 2-core machine; no test asserts its duration.
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/summary-reporter.cjs'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      // The web journeys (test/e2e) drive Chromium against the same suite: one start serves both.
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
  ],
};

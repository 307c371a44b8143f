/**
 * Five projects, one file at a time: the time-skipping server's clock is shared and the machines have 2 cores.
 * unit: pure domain code, no servers. workflows: the Java time-skipping test server.
 * replay: recorded histories against the current workflow code (no server).
 * e2e: the Temporal dev server, FerretDB, the worker and the API over real HTTP.
 * browser: the same system with the built console, driven in Debian's Chromium (playwright-core).
 */
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // jose ships only ES modules, which Jest's CommonJS runtime cannot load untransformed.
    '/node_modules/jose/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};

module.exports = {
  testTimeout: 180000,
  // One file at a time (`--maxWorkers=1`), in a child process that is replaced once a file leaves it
  // above 2 GB: Jest's per-file module registries pile up in one process, and in one that ran 100
  // files the e2e worker inside it lagged under garbage collection (the overload test's workflow
  // tasks timed out waiting for it) and the heap reached 4 GiB.
  workerIdleMemoryLimit: '2GB',
  // A clean-clone run that failed three files stayed up, busy, after its summary: CI must end with its result.
  forceExit: true,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'replay', testMatch: ['<rootDir>/test/replay/**/*.test.ts'] },
    { ...base, displayName: 'workflows', testMatch: ['<rootDir>/test/workflows/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,connectors,workers,server,simulators,config,bin}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // Two cores here and in CI: forks keep native drivers (PGlite's WASM, pg sockets) isolated.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['core/**/*.ts'],
      exclude: ['**/*.test.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 85 },
    },
  },
});

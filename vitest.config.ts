import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples and tests import the package by its public name, exactly as users do.
    alias: [
      { find: /^truto-langchainjs-toolset$/, replacement: src('index.ts') },
      { find: /^truto-langchainjs-toolset\/(.*)$/, replacement: src('entries/$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Type-level tests of the public API (expectTypeOf), compiled with the project's TypeScript by `vitest run`.
    // test/types/diagnostics.test.ts compiles them with TypeScript 7 too, when it is installed.
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: 'test/types/tsconfig.json',
    },
  },
});

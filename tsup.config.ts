import { defineConfig } from 'tsup';

/**
 * Never bundled: peers, runtime dependencies, and the sandbox's optional dependencies (a YAML parser, a `$ref`
 * bundler, a data generator, a validator), which only `startSandbox({ openapi | catalog })` loads, with `import()`.
 */
const EXTERNAL = [
  /^@langchain\//,
  /^@modelcontextprotocol\//,
  /^@anthropic-ai\//,
  /^@ai-sdk\//,
  'ai',
  'openai',
  'ioredis',
  'zod',
  'undici',
  'chrono-node',
  'structured-headers',
  /^yaml(\/|$)/,
  /^json-schema-faker(\/|$)/,
  /^@apidevtools\//,
  /^ajv(\/|$)/,
  /^ajv-formats(\/|$)/,
];

export default defineConfig([
  {
    // The root entry plus one file per subpath export (src/entries/<name>.ts → dist/<name>.js).
    entry: {
      index: 'src/index.ts',
      sandbox: 'src/entries/sandbox.ts',
      'ai-sdk': 'src/entries/ai-sdk.ts',
      openai: 'src/entries/openai.ts',
      anthropic: 'src/entries/anthropic.ts',
      mcp: 'src/entries/mcp.ts',
      redis: 'src/entries/redis.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'node20',
    splitting: true,
    treeshake: true,
    external: EXTERNAL,
  },
  {
    // The `truto-tools` command: ESM only, with a shebang.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: EXTERNAL,
  },
]);

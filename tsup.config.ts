import { defineConfig } from 'tsup';

export default defineConfig({
  // The root entry plus one file per subpath export (src/entries/<name>.ts → dist/<name>.js).
  entry: { index: 'src/index.ts', sandbox: 'src/entries/sandbox.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // Peer and optional framework packages are never bundled.
  external: [/^@langchain\//, /^@modelcontextprotocol\//, /^@anthropic-ai\//, 'ai', 'openai', 'ioredis', 'zod', 'undici'],
});

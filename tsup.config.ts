import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, Record<string, string> | undefined>;
/** Every package the manifest names as a dependency of users' installs: never bundled, also under a subpath. */
const MANIFEST_PACKAGES = ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((section) =>
  Object.keys(manifest[section] ?? {}).map(
    (name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|$)`),
  ),
);

/**
 * Never bundled: peers, runtime dependencies (also under a subpath: `undici/lib/...`, `chrono-node/en`), the
 * sandbox's optional dependencies (a YAML parser, a `$ref` bundler, a data generator, a validator), which only
 * `startSandbox({ openapi | catalog })` loads, with `import()`, and the optional tokenizer (gpt-tokenizer's encodings
 * weigh megabytes). The manifest's list is added, so that a new dependency is never bundled by accident.
 */
const EXTERNAL = [
  ...MANIFEST_PACKAGES,
  /^gpt-tokenizer(\/|$)/,
  /^@langchain\//,
  /^@modelcontextprotocol\//,
  /^@anthropic-ai\//,
  /^@ai-sdk\//,
  /^ai(\/|$)/,
  /^openai(\/|$)/,
  /^ioredis(\/|$)/,
  /^zod(\/|$)/,
  /^undici(\/|$)/,
  /^chrono-node(\/|$)/,
  /^structured-headers(\/|$)/,
  /^re2js(\/|$)/,
  /^@eslint-community\//,
  /^yaml(\/|$)/,
  /^json-schema-faker(\/|$)/,
  /^@apidevtools\//,
  /^ajv(\/|$)/,
  /^ajv-formats(\/|$)/,
];

/** The root entry plus one file per subpath export (src/entries/<name>.ts → dist/<name>.cjs). */
export const LIBRARY_ENTRIES = {
  index: 'src/index.ts',
  sandbox: 'src/entries/sandbox.ts',
  'ai-sdk': 'src/entries/ai-sdk.ts',
  openai: 'src/entries/openai.ts',
  anthropic: 'src/entries/anthropic.ts',
  mcp: 'src/entries/mcp.ts',
  redis: 'src/entries/redis.ts',
  langgraph: 'src/entries/langgraph.ts',
};

/**
 * One build, one copy of every module. The code is built once, as ES modules, with every entry in the same build and
 * code splitting, so each module is in exactly one file of dist/ (scripts/package-checks.ts checks): the subpath
 * entries and the `truto-tools` command share the core's chunks, and `truto-tools sandbox` loads `sandbox.js` itself.
 * `require` gets a CommonJS entry per subpath (`dist/<name>.cjs`, written by scripts/write-cjs-entries.ts after this
 * build) that `require`s the ES module (Node 20.19 and 22.12 do that natively): one `TrutoError` class whichever way
 * the package is loaded, and the same copy of `@langchain/core` and zod as the user's own imports, where a second,
 * CommonJS build would load their CommonJS copies next to the ES ones, and double the tarball.
 *
 * No source maps (even without embedded sources, which were two thirds of the old tarball, they would weigh more than
 * the code). Whitespace and syntax are minified, names are not: a stack trace still names every function and class,
 * and the tarball stays within its budget (scripts/package-size.ts) as the code grows.
 */
const SHARED = {
  clean: false,
  target: 'node20',
  platform: 'node',
  external: EXTERNAL,
} as const;

export default defineConfig([
  {
    ...SHARED,
    entry: { ...LIBRARY_ENTRIES, cli: 'src/entries/cli.ts' },
    format: ['esm'],
    dts: { entry: LIBRARY_ENTRIES },
    splitting: true,
    sourcemap: false,
    minifyWhitespace: true,
    minifySyntax: true,
    // dist/metafile-esm.json: which source modules went into which file (scripts/package-checks.ts reads it to prove
    // one copy of each; package.json's `files` leaves it out of the tarball).
    metafile: true,
  },
  {
    ...SHARED,
    // The CommonJS declarations (`.d.cts`): what TypeScript reads for `require`. No code: see above.
    entry: LIBRARY_ENTRIES,
    format: ['cjs'],
    dts: { entry: LIBRARY_ENTRIES, only: true },
  },
]);

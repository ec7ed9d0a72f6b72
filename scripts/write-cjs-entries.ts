/**
 * `npm run build`, after tsup: writes the CommonJS face of every entry. tsup builds the code once, as ES modules (see
 * tsup.config.ts); for each `dist/<name>.js` this writes `dist/<name>.cjs`, which `require`s it. Node 20.19 and
 * 22.12 load an ES module from `require` natively (the package's `engines`); the module has no top-level await, so
 * it loads synchronously. test/build checks that `import` and `require` see the same exports, and the same classes.
 *
 * It also puts `/// <reference types="node" />` at the top of every entry's declarations (`.d.ts` and `.d.cts`):
 * they name Node's types (`Buffer`, `NodeJS.ProcessEnv`, `node:stream`, undici's), which a project with
 * `"types": []` (TypeScript 7's default) does not load by itself.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIBRARY_ENTRIES } from '../tsup.config.js';

const dist = join(fileURLToPath(new URL('..', import.meta.url)), 'dist');
const NODE_TYPES = '/// <reference types="node" />\n';

for (const name of Object.keys(LIBRARY_ENTRIES)) {
  if (!existsSync(join(dist, `${name}.js`))) throw new Error(`dist/${name}.js is missing: did tsup run?`);
  const subpath = `truto-langchainjs-toolset${name === 'index' ? '' : `/${name}`}`;
  writeFileSync(
    join(dist, `${name}.cjs`),
    `'use strict';\n// The CommonJS entry of ${subpath}: the ES module build, loaded by require (see tsup.config.ts).\nmodule.exports = require('./${name}.js');\n`,
  );
  for (const declarations of [`${name}.d.ts`, `${name}.d.cts`]) {
    const path = join(dist, declarations);
    const text = readFileSync(path, 'utf8');
    if (!text.startsWith(NODE_TYPES)) writeFileSync(path, `${NODE_TYPES}${text}`);
  }
}
console.log(`CommonJS entries written for ${Object.keys(LIBRARY_ENTRIES).length} entries.`);

/**
 * What the published package must be, as pure functions over what `npm pack --dry-run` lists, the manifest, dist/'s
 * files and the README: each returns the problems it finds (empty when all is well). Run by scripts/check-package.ts
 * (`npm run check:package`) and by test/build/package.test.ts.
 */
import { PACKED_BUDGET_BYTES, type PackSummary, UNPACKED_BUDGET_BYTES } from './package-size.js';

/** The files a user of the registry page and of `node_modules` needs besides the code. */
const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

export function sizeProblems(pack: PackSummary): string[] {
  const problems: string[] = [];
  if (pack.packedBytes > PACKED_BUDGET_BYTES)
    problems.push(`the tarball is ${pack.packedBytes} bytes packed, over the ${PACKED_BUDGET_BYTES}-byte budget`);
  if (pack.unpackedBytes > UNPACKED_BUDGET_BYTES)
    problems.push(`the tarball is ${pack.unpackedBytes} bytes unpacked, over the ${UNPACKED_BUDGET_BYTES}-byte budget`);
  for (const entry of pack.entries) {
    if (entry.path.endsWith('.map')) problems.push(`${entry.path}: source maps are not shipped (see tsup.config.ts)`);
  }
  return problems;
}

/** Every file the manifest points at (exports, main, types, bin, typesVersions) is in the tarball, and so are the docs. */
export function contentProblems(pack: PackSummary, manifest: Record<string, unknown>): string[] {
  const shipped = new Set(pack.entries.map((entry) => entry.path));
  const problems = REQUIRED_FILES.filter((file) => !shipped.has(file)).map((file) => `${file} is not in the tarball`);
  for (const target of manifestTargets(manifest)) {
    const path = target.replace(/^\.\//, '');
    if (!shipped.has(path)) problems.push(`package.json points at ${target}, which is not in the tarball`);
  }
  return problems;
}

function manifestTargets(manifest: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.startsWith('./') && !value.includes('*')) targets.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) collect(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) collect(item);
    }
  };
  collect(manifest.exports);
  collect(manifest.typesVersions);
  collect(manifest.bin);
  for (const field of ['main', 'module', 'types']) {
    const value = manifest[field];
    if (typeof value === 'string') targets.push(value.startsWith('./') ? value : `./${value}`);
  }
  return [...new Set(targets)];
}

/** esbuild's metafile (tsup `metafile: true`): each output file and the source modules bundled into it. */
export interface BuildMetafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

/**
 * One copy of each module: a source module found in two files of dist/ ships twice (the old CLI bundle carried the
 * whole core a second time). Where each module went is read from the build's metafile, or, without one, from the
 * bundler's `// src/...` markers of unminified code. The core's classes are also found by name in the code itself.
 */
export function duplicateModuleProblems(files: ReadonlyMap<string, string>, metafile?: BuildMetafile): string[] {
  const filesByModule = new Map<string, string[]>();
  const record = (module: string, file: string) => {
    const list = filesByModule.get(module) ?? [];
    if (!list.includes(file)) list.push(file);
    filesByModule.set(module, list);
  };
  if (metafile !== undefined) {
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      for (const input of Object.keys(inputs)) if (input.startsWith('src/')) record(input, output);
    }
  }
  const filesByClass = new Map<string, string[]>();
  for (const [file, text] of files) {
    if (metafile === undefined) for (const match of text.matchAll(/^\/\/ (src\/\S+\.ts)$/gm)) record(match[1]!, file);
    for (const name of CORE_CLASSES) {
      // `var TrutoTool = class`, minified `var a=1,TrutoTool=class{`, or `class TrutoTool`.
      if (new RegExp(`(?:^|[\\s,;{}(])${name}\\s*=\\s*class\\b|\\bclass ${name}\\b`).test(text)) {
        filesByClass.set(name, [...(filesByClass.get(name) ?? []), file]);
      }
    }
  }
  const problems: string[] = [];
  for (const [module, where] of filesByModule) {
    if (where.length > 1) problems.push(`${module} is bundled into ${where.length} files: ${where.join(', ')}`);
  }
  if (metafile !== undefined && filesByModule.size === 0) problems.push('the metafile names no source module');
  for (const name of CORE_CLASSES) {
    const where = filesByClass.get(name) ?? [];
    if (where.length !== 1)
      problems.push(`class ${name} is defined in ${where.length} files of dist/ (${where.join(', ')})`);
  }
  return problems;
}

const CORE_CLASSES = ['TrutoToolManager', 'HttpClient', 'TrutoTool', 'TrutoError', 'TrutoLangChainTool'];

/**
 * Links in the README resolve on the registry's page too: a relative link must name a file the tarball ships,
 * anything else must be an absolute URL (the repository's, say).
 */
export function readmeLinkProblems(readme: string, pack: PackSummary): string[] {
  const shipped = new Set(pack.entries.map((entry) => entry.path));
  const problems: string[] = [];
  for (const match of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    const path = target.replace(/^\.\//, '').replace(/#.*$/, '');
    if (!shipped.has(path))
      problems.push(`README links to ${target}, which is not in the tarball (link to the repository instead)`);
  }
  return problems;
}

/**
 * The repository stands on its own: a fresh clone, with nothing beside it, must build and pass. The machines this
 * project grew on keep data in a `shared` folder next to the clone, and paths into it creep back in; this test reads
 * every file git knows (tracked, plus new files that are not ignored) and names each place that reaches outside:
 *
 * - a `shared` folder reached through `..` that is not a folder of the repository. Comments count too: provenance must
 *   name the original source, which a user can fetch. Folders of the repository called `shared` (src/adapters/shared,
 *   src/shared) are fine, which is why the path is resolved from the file's own folder rather than matched as text;
 * - an absolute path under the folder that holds the clone on this machine, which no other machine has;
 * - in TypeScript and JavaScript, a path in an import, `require`, `readFile*`, `readdir*`, `existsSync`, `resolve`,
 *   `join` or `new URL(…, import.meta.url)` whose `..` segments climb above the repository root from the file's folder.
 *
 * Without a git work tree (an unpacked archive) it skips locally and fails under CI, like the built-package test.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

interface RepositoryFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

interface ScanContext {
  /** Every folder of the repository that holds a file, relative to the root, with forward slashes. */
  directories: ReadonlySet<string>;
  /** The absolute folder that holds the clone (`/home/me/code` for `/home/me/code/this-repo`); undefined to skip. */
  hostFolder?: string;
}

interface Finding {
  path: string;
  line: number;
  reason: string;
  excerpt: string;
}

const SCRIPT_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** Call names whose string arguments are file paths. `resolve` and `join` cover `node:path` and `import.meta.resolve`. */
const PATH_CALLS = /^(?:require|readFile\w*|readdir\w*|existsSync|createReadStream|resolve|join)$/;
const PARENT_SEGMENT = /(?:^|\/)\.\.(?:\/|$)/;
/** One or more `../` followed by a `shared` folder. */
const SHARED_BESIDE = /((?:\.\.\/)+)shared(?![\w.-])/g;
/** Stands in for the root when resolving, so that climbing above it stays visible (`/` would absorb the `..`). */
const VIRTUAL_ROOT = '/repository-root';

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

function excerptAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text
    .slice(start, end === -1 ? undefined : end)
    .trim()
    .slice(0, 160);
}

/** Where `segments` lead from the repository root, as a relative path; undefined when they climb above it. */
function insideRepository(...segments: string[]): string | undefined {
  const absolute = posix.resolve(VIRTUAL_ROOT, ...segments);
  if (absolute === VIRTUAL_ROOT) return '';
  return absolute.startsWith(`${VIRTUAL_ROOT}/`) ? absolute.slice(VIRTUAL_ROOT.length + 1) : undefined;
}

function findSharedBeside(file: RepositoryFile, context: ScanContext): Finding[] {
  const findings: Finding[] = [];
  for (const match of file.text.matchAll(SHARED_BESIDE)) {
    const target = insideRepository(posix.dirname(file.path), `${match[1]}shared`);
    if (target !== undefined && context.directories.has(target)) continue;
    findings.push({
      path: file.path,
      line: lineOf(file.text, match.index),
      reason: 'names a `shared` folder outside the repository',
      excerpt: excerptAt(file.text, match.index),
    });
  }
  return findings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findHostPaths(file: RepositoryFile, context: ScanContext): Finding[] {
  // A clone at the top of the file system has no folder around it to point into.
  if (context.hostFolder === undefined || posix.dirname(context.hostFolder) === context.hostFolder) return [];
  const pattern = new RegExp(`(?<![\\w.~/-])${escapeRegExp(context.hostFolder)}/`, 'g');
  return [...file.text.matchAll(pattern)].map((match) => ({
    path: file.path,
    line: lineOf(file.text, match.index),
    reason: `absolute path under ${context.hostFolder}/, which only this machine has`,
    excerpt: excerptAt(file.text, match.index),
  }));
}

/** The text a string argument starts with: a template contributes what precedes its first `${`. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  return undefined;
}

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

/** The string paths a node hands to the file system or the module loader, in argument order. */
function pathArguments(node: ts.Node): string[] | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined) {
    const text = literalText(node.moduleSpecifier);
    return text === undefined ? undefined : [text];
  }
  if (ts.isCallExpression(node)) {
    const isPathCall =
      node.expression.kind === ts.SyntaxKind.ImportKeyword || PATH_CALLS.test(calleeName(node.expression) ?? '');
    if (!isPathCall) return undefined;
    return node.arguments.map(literalText).filter((text): text is string => text !== undefined);
  }
  if (ts.isNewExpression(node) && calleeName(node.expression) === 'URL') {
    // Only a URL relative to this module is a file path; against any other base it is a web address.
    const [path, base] = node.arguments ?? [];
    if (path === undefined || base?.getText() !== 'import.meta.url') return undefined;
    const text = literalText(path);
    return text === undefined ? undefined : [text];
  }
  return undefined;
}

function findClimbingPaths(file: RepositoryFile): Finding[] {
  if (!SCRIPT_EXTENSIONS.test(file.path)) return [];
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    const paths = pathArguments(node);
    if (
      paths?.some((path) => PARENT_SEGMENT.test(path)) &&
      insideRepository(posix.dirname(file.path), ...paths) === undefined
    ) {
      findings.push({
        path: file.path,
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        reason: 'path climbs above the repository root',
        excerpt: excerptAt(file.text, node.getStart(source)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** Every place in `file` that reaches outside the repository. Pure: the file and the repository's layout are given. */
function findOutsideReferences(file: RepositoryFile, context: ScanContext): Finding[] {
  return [...findSharedBeside(file, context), ...findHostPaths(file, context), ...findClimbingPaths(file)].sort(
    (left, right) => left.line - right.line,
  );
}

function directoriesOf(paths: readonly string[]): Set<string> {
  const directories = new Set<string>();
  for (const path of paths) {
    for (let folder = posix.dirname(path); folder !== '.'; folder = posix.dirname(folder)) directories.add(folder);
  }
  return directories;
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

function gitFiles(): string[] | undefined {
  try {
    const output = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return output.split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Text files only: a NUL byte early on marks a binary, and a file deleted in the work tree is skipped. */
function readTextFile(path: string): string | undefined {
  const absolute = `${repositoryRoot}/${path}`;
  try {
    if (!statSync(absolute).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const bytes = readFileSync(absolute);
  return bytes.subarray(0, 8000).includes(0) ? undefined : bytes.toString('utf8');
}

const format = (finding: Finding) => `${finding.path}:${finding.line}: ${finding.reason}: ${finding.excerpt}`;

// Built rather than written out, so that this file does not report itself.
const SHARED_SIBLING = ['..', 'shared'].join('/');

describe('the outside-reference detector', () => {
  const context: ScanContext = {
    directories: directoriesOf(['src/adapters/shared/a.ts', 'src/shared/b.ts', 'test/fixtures/c.json']),
    hostFolder: '/machine/code',
  };
  const scan = (path: string, text: string) => findOutsideReferences({ path, text }, context).map(format);

  it('lets relative imports and paths inside the repository through', () => {
    expect(scan('src/adapters/openai/x.ts', `import { a } from '${SHARED_SIBLING}/a.js';`)).toEqual([]);
    expect(scan('src/cli/commands/x.ts', `import { b } from '../${SHARED_SIBLING}/b.js';`)).toEqual([]);
    expect(scan('test/build/x.test.ts', "import { c } from '../../src/index.js';")).toEqual([]);
    expect(scan('test/schema/fixtures/x.ts', "new URL('../../fixtures/c.json', import.meta.url);")).toEqual([]);
    expect(scan('scripts/x.ts', "const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');")).toEqual(
      [],
    );
    expect(scan('test/x.test.ts', "readFileSync(join(here, '..', 'fixtures', 'c.json'), 'utf8');")).toEqual([]);
  });

  it('leaves web addresses and prose alone', () => {
    expect(scan('src/x.ts', "new URL('../../../v1/files', 'https://api.example.com/a/b/c/');")).toEqual([]);
    expect(scan('README.md', 'Climb with `cd ../../..`; see https://example.com/machine/code/x.')).toEqual([]);
  });

  it('reports a shared folder beside the repository, in code and in comments', () => {
    expect(scan('test/examples/x.test.ts', `readFileSync('${SHARED_SIBLING}/seed/a.txt', 'utf8');`)).toEqual([
      `test/examples/x.test.ts:1: names a \`shared\` folder outside the repository: readFileSync('${SHARED_SIBLING}/seed/a.txt', 'utf8');`,
    ]);
    expect(scan('scripts/x.ts', `// read from ${SHARED_SIBLING}/data\nconst a = 1;`)).toHaveLength(1);
    expect(scan('test/fixtures/x.ts', `/** as documented (${SHARED_SIBLING}/reference/a.md) */`)).toHaveLength(1);
  });

  it('reports absolute paths on this machine', () => {
    expect(scan('test/dates/x.test.ts', "readFileSync('/machine/code/other/a.json', 'utf8');")).toEqual([
      "test/dates/x.test.ts:1: absolute path under /machine/code/, which only this machine has: readFileSync('/machine/code/other/a.json', 'utf8');",
    ]);
  });

  it('reports paths that climb above the root from the file’s own folder', () => {
    expect(scan('test/build/x.test.ts', "readFileSync('../../../outside.txt');")).toHaveLength(1);
    expect(scan('test/build/x.test.ts', "const up = join(here, '..', '..', '..');")).toHaveLength(1);
    expect(scan('scripts/x.ts', "import data from '../../outside.json';")).toHaveLength(1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is source code holding a template literal
    expect(scan('scripts/x.ts', 'const data = await import(`../../data/${name}.json`);')).toHaveLength(1);
    expect(scan('test/x.test.ts', "new URL('../../outside/', import.meta.url);")).toHaveLength(1);
    expect(scan('src/x.cjs', "const config = require('../../config.json');")).toHaveLength(1);
  });
});

const files = gitFiles();
if (files === undefined && process.env.CI) throw new Error('not a git work tree: the self-containment check needs git');

describe.skipIf(files === undefined)('the repository', () => {
  it('reads, imports and names nothing outside itself', () => {
    const paths = files ?? [];
    const context: ScanContext = { directories: directoriesOf(paths), hostFolder: dirname(repositoryRoot) };
    const findings = paths.flatMap((path) => {
      const text = readTextFile(path);
      return text === undefined ? [] : findOutsideReferences({ path, text }, context);
    });
    expect(findings.map(format)).toEqual([]);
  });
});

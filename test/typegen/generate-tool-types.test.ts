import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateToolTypes, TrutoTool } from 'truto-langchainjs-toolset';
import { OPENAI_TOOLS } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../..', import.meta.url));

describe('generateToolTypes', () => {
  const source = generateToolTypes(OPENAI_TOOLS, { typeName: 'OpenAiTools' });

  it('writes one member per tool with args, result and the description as JSDoc', () => {
    expect(source).toContain('export interface OpenAiTools {');
    for (const tool of OPENAI_TOOLS) expect(source).toContain(`  ${tool.name}: {`);
    expect(source).toMatch(/\* Get costs details for the organization\./);
    expect(source).toContain('`GET /proxy/costs`');
    expect(source).toContain('export type ToolName = keyof OpenAiTools;');
    expect(source).toContain('export type OpenAiToolsManager = TrutoToolManagerClass<OpenAiTools>;');
    // The name 0.2.0 gave the alias stays, deprecated.
    expect(source).toContain('export type OpenAiToolManager = OpenAiToolsManager;');
  });

  it('types date fields as number | string, since expressions are resolved before sending', () => {
    const costs = source.slice(source.indexOf('  list_all_open_ai_costs: {'));
    const args = costs.slice(0, costs.indexOf('result:'));
    expect(args).toMatch(/start_time\?: number \| string;/);
    expect(args).toMatch(/end_time\?: number \| string;/);
    expect(args).toMatch(/time_range\?: string;/);
    expect(args).toMatch(/bucket_width\?: "1d";/);
  });

  it('types list results as a page and the rest as unknown', () => {
    const costs = source.slice(source.indexOf('  list_all_open_ai_costs: {'));
    expect(costs.slice(0, costs.indexOf('\n  };'))).toContain('result: TrutoListPage;');
    const speech = source.slice(source.indexOf('  create_a_open_ai_speech: {'));
    expect(speech.slice(0, speech.indexOf('\n  };'))).toContain('result: unknown;');
  });

  it('is deterministic and accepts definitions or tools alike', () => {
    const tools = OPENAI_TOOLS.map((definition) => new TrutoTool(definition));
    expect(generateToolTypes([...OPENAI_TOOLS].reverse(), { typeName: 'OpenAiTools' })).toBe(source);
    expect(generateToolTypes(tools, { typeName: 'OpenAiTools' })).toBe(source);
  });

  it('can leave out the import for a module with no dependency', () => {
    const standalone = generateToolTypes(OPENAI_TOOLS, { importFrom: false });
    expect(standalone).not.toContain('import ');
    expect(standalone).toContain('export interface TrutoTools {');
    expect(() => generateToolTypes(OPENAI_TOOLS, { typeName: 'not valid' })).toThrow(/identifier/);
    expect(() => generateToolTypes(OPENAI_TOOLS, { typeName: 'string' })).toThrow(/reserved/);
    expect(() => generateToolTypes(OPENAI_TOOLS, { typeName: 'ToolName' })).toThrow(/declares it itself/);
  });

  it('names the manager alias so that it cannot collide with the imported class (TS2440)', () => {
    const defaults = generateToolTypes(OPENAI_TOOLS);
    expect(defaults).toContain(
      'import type { TrutoToolManager as TrutoToolManagerClass } from "truto-langchainjs-toolset";',
    );
    expect(defaults).toContain('export type TrutoToolsManager = TrutoToolManagerClass<TrutoTools>;');
    // 0.2.0 named this one TrutoToolManager, the very name it imported: no deprecated alias for it.
    expect(defaults).not.toMatch(/export type TrutoToolManager\b/);
    // Even a type name whose alias is TrutoToolManager compiles: the import has a name of its own.
    const odd = generateToolTypes(OPENAI_TOOLS, { typeName: 'TrutoTool' });
    expect(odd).toContain('export type TrutoToolManager = TrutoToolManagerClass<TrutoTool>;');
  });

  it('uses provider-safe names and notes the original', () => {
    const renamed = generateToolTypes([{ name: 'list all.things', resource: 'things', method: 'list' }]);
    expect(renamed).toContain('  list_all_things: {');
    expect(renamed).toContain('Catalog name: `list all.things`.');
  });
});

describe('generated types against the real manager (tsc)', () => {
  let directory: string;

  beforeAll(async () => {
    await mkdir(join(repository, '.tmp'), { recursive: true });
    directory = await mkdtemp(join(repository, '.tmp', 'typegen-'));
    await writeFile(join(directory, 'openai-tools.ts'), generateToolTypes(OPENAI_TOOLS, { typeName: 'OpenAiTools' }));
    await writeFile(
      join(directory, 'tsconfig.json'),
      JSON.stringify({ extends: '../../tsconfig.json', include: ['*.ts'], compilerOptions: { noEmit: true } }),
    );
    await writeFile(join(directory, 'usage.ts'), USAGE);
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('accepts correct calls and rejects every marked mistake', async () => {
    const result = await run(process.execPath, [join(repository, 'node_modules/typescript/bin/tsc'), '-p', directory], {
      cwd: repository,
    }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string; stderr?: string }) => ({
        ok: false,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    // Unused @ts-expect-error lines fail too, so every wrong call below is proven to be rejected.
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 120_000);
});

const USAGE = `
import { TrutoToolManager } from 'truto-langchainjs-toolset';
import type { OpenAiToolManager, OpenAiTools, OpenAiToolsManager, ToolName, TrutoListPage } from './openai-tools.js';

declare const manager: OpenAiToolsManager;
declare const legacy: OpenAiToolManager;

export async function correctCalls(): Promise<void> {
  const page: TrutoListPage = await manager.invoke('list_all_open_ai_costs', { start_time: 'last week' });
  page.result.length;
  await manager.invoke('list_all_open_ai_costs', { start_time: 1_730_000_000, end_time: 'today', bucket_width: '1d' });
  await manager.invoke('list_all_open_ai_models');
  await manager.invoke('get_single_open_ai_project_by_id', { id: 'proj_12345' }, { dryRun: true });
  await manager.invokeWithDetails('list_all_open_ai_costs', { time_range: 'last month' });
  await legacy.invoke('list_all_open_ai_models');
  const name: ToolName = 'create_a_open_ai_speech';
  name.length;

  const typed = new TrutoToolManager<OpenAiTools>({ apiKey: 'key', integratedAccountId: 'account' });
  await typed.invoke('list_all_open_ai_projects', { limit: 2 });
  // Code written for any manager still takes a typed one.
  const takesAnyManager = (any: TrutoToolManager) => any.integratedAccountId;
  takesAnyManager(typed);

  // Without generated types, everything stays accepted, including an explicit result type.
  const untyped = new TrutoToolManager({ apiKey: 'key', integratedAccountId: 'account' });
  await untyped.invoke('anything_at_all', { any: 'arguments' });
  const projects = await untyped.invoke<{ result: unknown[] }>('list_all_open_ai_projects', { limit: 1 });
  projects.result.length;
}

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error: no tool of that name
  await manager.invoke('list_all_open_ai_cost', { start_time: 'last week' });
  // @ts-expect-error: a date field takes a number or a string, not an object
  await manager.invoke('list_all_open_ai_costs', { start_time: { when: 'last week' } });
  // @ts-expect-error: bucket_width only accepts "1d"
  await manager.invoke('list_all_open_ai_costs', { bucket_width: '1w' });
  // @ts-expect-error: no such argument
  await manager.invoke('list_all_open_ai_models', { bogus: true });
  // @ts-expect-error: id is required
  await manager.invoke('get_single_open_ai_project_by_id', {});
  // @ts-expect-error: the arguments are required when a field is
  await manager.invoke('get_single_open_ai_project_by_id');
  // @ts-expect-error: a list answer is a page, not a number
  const count: number = await manager.invoke('list_all_open_ai_projects', {});
  count.toFixed();
  // @ts-expect-error: a typed manager has no untyped escape hatch
  await manager.invoke<{ anything: true }>('list_all_open_ai_costs', {});
}
`;

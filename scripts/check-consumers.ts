/**
 * `npm run check:consumers` (part of `npm test`): the packed tarball installed the way users install it, in fresh
 * projects outside this repository, from the npm registry (nothing else is reached), then type-checked and run.
 *
 * Two projects, one per major of `ai` (6 and 7), each with the majors of the other peers that go with it (openai 6
 * and 7). Each installs the tarball next to its peers with a plain `npm install` (no `--legacy-peer-deps`: a peer
 * range that shuts out a current major fails here with ERESOLVE) and holds a consumer written twice, as an ES module
 * (`consumer.mts`) and as CommonJS (`consumer.cts`), in strict TypeScript with no casts. Then:
 *
 * - TypeScript 5.9 and 7 check it under `module: nodenext` (ES module and CommonJS), `moduleResolution: bundler`, and
 *   (5.9 only: TypeScript 7 removed it) `node10`; the TypeScript 7 projects keep its default `"types": []`, so a
 *   declaration that needs Node's types without saying so fails there;
 * - the ES module and CommonJS builds of the consumer run against the sandbox: a LangChain tool call, an AI SDK agent
 *   loop with `generateText` and a scripted model (`MockLanguageModelV3` from `ai/test`), OpenAI and Anthropic tool
 *   definitions, and the same `TrutoError` class through `import` and `require`.
 *
 * ai 7 asks for Node 22 (`engines`), which npm reports as a warning (EBADENGINE) on Node 20; what it needs Node 22
 * for is its WebSocket transports (`globalThis.WebSocket`), which nothing here uses: the run on Node 20 is the
 * evidence that the rest works. Options: `--keep` leaves the projects in place and prints where; `--only ai6|ai7`.
 * Without the registry (`npm ping` fails) it says so and skips, except under CI, where it fails.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const keep = process.argv.includes('--keep');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

/** The versions this repository develops against (package.json), so a registry release cannot surprise a run. */
const dev = (name: string): string => `${name}@${manifest.devDependencies[name]}`;

interface Scenario {
  name: string;
  /** Packages besides the tarball, as `npm install` arguments. */
  packages: string[];
}

const SHARED_PACKAGES = [
  dev('@langchain/core'),
  dev('@langchain/langgraph'),
  dev('@anthropic-ai/sdk'),
  dev('@modelcontextprotocol/sdk'),
  dev('ioredis'),
  'zod@^4',
  '@types/node@^20',
  'typescript@~5.9.3',
  // TypeScript 7 under another name: its `tsc` is a native binary, shipped inside the registry package.
  'typescript7@npm:typescript@^7',
];

const SCENARIOS: Scenario[] = [
  { name: 'ai6', packages: [...SHARED_PACKAGES, 'ai@^6', 'openai@^6'] },
  { name: 'ai7', packages: [...SHARED_PACKAGES, 'ai@^7', 'openai@^7'] },
];

/** What a user writes, once per module system (the import lines differ; `IMPORTS` marks where). */
const CONSUMER_BODY = `
const sandbox = await startSandbox();
try {
  const manager = new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
  });
  // LangChain, as in the article.
  const tools = await manager.getTools();
  const costs = tools.find((tool) => tool.name === 'list_all_open_ai_costs');
  if (costs === undefined) throw new Error('no costs tool');
  const text: unknown = await costs.invoke({ start_time: 'last week', limit: 3 });
  if (typeof text !== 'string' || !text.includes('result')) throw new Error('unexpected LangChain answer');

  // The AI SDK: an agent loop with a scripted model that calls one tool, then answers.
  const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };
  const model = new MockLanguageModelV3({
    doGenerate: [
      {
        content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'list_all_open_ai_models', input: '{}' }],
        finishReason: { unified: 'tool-calls', raw: undefined },
        usage,
        warnings: [],
      },
      { content: [{ type: 'text', text: 'done' }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] },
    ],
  });
  const result = await generateText({
    model,
    tools: await createAISDKTools(manager),
    stopWhen: [stepCountIs(5), stopOnBlockingToolError()],
    prompt: 'List our models.',
  });
  if (result.text !== 'done' || findBlockingToolError(result.steps) !== undefined) throw new Error('AI SDK loop failed');
  const toolResults = result.steps[0]?.toolResults ?? [];
  if (toolResults.length !== 1) throw new Error('the AI SDK tool did not run');

  // OpenAI and Anthropic definitions, typed against their SDKs.
  const trutoTools = await manager.getToolDefinitions();
  const chatTools: OpenAI.Chat.Completions.ChatCompletionTool[] = toOpenAIChatTools(trutoTools);
  const anthropicTools: Anthropic.Messages.ToolUnion[] = toAnthropicTools(trutoTools);
  if (chatTools.length === 0 || anthropicTools.length !== chatTools.length) throw new Error('no tool definitions');

  // One class, whichever way the package is loaded.
  const error: unknown = new TrutoConfigError('check');
  if (!(error instanceof TrutoError) || TrutoError !== sameTrutoError()) throw new Error('two TrutoError classes');
  await manager.close();
  console.log(\`\${MODULE_SYSTEM}: LangChain, AI SDK, OpenAI and Anthropic tools work\`);
} finally {
  await sandbox.close();
}
`;

const IMPORTS = (from: (specifier: string) => string) => `
import type Anthropic from '@anthropic-ai/sdk';
import { generateText, stepCountIs } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import type OpenAI from 'openai';
${from('truto-langchainjs-toolset')}
import { createAISDKTools, findBlockingToolError, stopOnBlockingToolError } from 'truto-langchainjs-toolset/ai-sdk';
import { toAnthropicTools } from 'truto-langchainjs-toolset/anthropic';
import { createMcpServer } from 'truto-langchainjs-toolset/mcp';
import { toOpenAIChatTools } from 'truto-langchainjs-toolset/openai';
import { startSandbox } from 'truto-langchainjs-toolset/sandbox';
import type { RedisStoreOptions } from 'truto-langchainjs-toolset/redis';
import type { ToolSelectingOptions } from 'truto-langchainjs-toolset/langgraph';
`;

const ROOT_IMPORT =
  "import { TrutoConfigError, TrutoError, TrutoToolManager, type TrutoToolManagerOptions } from 'truto-langchainjs-toolset';";

const ESM_CONSUMER = `${IMPORTS(() => ROOT_IMPORT)}
import { createRequire } from 'node:module';

const MODULE_SYSTEM = 'ES module';
const sameTrutoError = (): unknown => createRequire(import.meta.url)('truto-langchainjs-toolset').TrutoError;
export type Checked = [TrutoToolManagerOptions, RedisStoreOptions, ToolSelectingOptions, typeof createMcpServer];
${CONSUMER_BODY}`;

// CommonJS has no top-level await: the same body inside an async function.
const CJS_CONSUMER = `${IMPORTS(() => ROOT_IMPORT)}

const MODULE_SYSTEM = 'CommonJS';
const sameTrutoError = async (): Promise<unknown> => (await import('truto-langchainjs-toolset')).TrutoError;
export type Checked = [TrutoToolManagerOptions, RedisStoreOptions, ToolSelectingOptions, typeof createMcpServer];
async function main(): Promise<void> {
${CONSUMER_BODY.replace('TrutoError !== sameTrutoError()', 'TrutoError !== (await sameTrutoError())')}
}
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** One type from every entry: under node10 a subpath that does not resolve is an error here, in the consumer. */
const NODE10_CONSUMER = `
import type { TrutoToolManagerOptions } from 'truto-langchainjs-toolset';
import type { AISDKToolsOptions } from 'truto-langchainjs-toolset/ai-sdk';
import type { AnthropicTool } from 'truto-langchainjs-toolset/anthropic';
import type { ToolSelectingOptions } from 'truto-langchainjs-toolset/langgraph';
import type { McpServerOptions } from 'truto-langchainjs-toolset/mcp';
import type { OpenAIChatTool } from 'truto-langchainjs-toolset/openai';
import type { RedisStoreOptions } from 'truto-langchainjs-toolset/redis';
import type { SandboxOptions } from 'truto-langchainjs-toolset/sandbox';

export type Everything = [TrutoToolManagerOptions, AISDKToolsOptions, AnthropicTool, ToolSelectingOptions, McpServerOptions, OpenAIChatTool, RedisStoreOptions, SandboxOptions];
const options: TrutoToolManagerOptions = { apiKey: 'key', integratedAccountId: 'account' };
export default options;
`;

interface TypeCheck {
  name: string;
  compiler: 'typescript' | 'typescript7';
  options: Record<string, unknown>;
  files: string[];
}

const STRICT = { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', lib: ['es2023', 'dom'] };
const NODE_TYPES = { types: ['node'] };

const TYPE_CHECKS: TypeCheck[] = [
  {
    name: 'TypeScript 5.9, bundler',
    compiler: 'typescript',
    options: { ...STRICT, ...NODE_TYPES, module: 'esnext', moduleResolution: 'bundler' },
    files: ['consumer.mts'],
  },
  {
    // node10 cannot read the declarations of `ai` and zod themselves (subpath exports, ESM-only types): their own
    // files are skipped, and a consumer of this package's types alone shows whether every subpath resolves.
    name: 'TypeScript 5.9, node10 (CJS), every subpath',
    compiler: 'typescript',
    options: {
      ...STRICT,
      ...NODE_TYPES,
      module: 'commonjs',
      moduleResolution: 'node10',
      esModuleInterop: true,
      skipLibCheck: true,
      ignoreDeprecations: '5.0',
    },
    files: ['consumer-node10.ts'],
  },
  {
    // No `types`: TypeScript 7 loads none by default, so Node's must come from the declarations' own reference.
    name: 'TypeScript 7, nodenext (ESM and CJS), default types',
    compiler: 'typescript7',
    options: { ...STRICT, module: 'nodenext', moduleResolution: 'nodenext' },
    files: ['consumer.mts', 'consumer.cts'],
  },
  {
    name: 'TypeScript 7, bundler, default types',
    compiler: 'typescript7',
    options: { ...STRICT, module: 'esnext', moduleResolution: 'bundler' },
    files: ['consumer.mts'],
  },
];

async function sh(command: string, args: string[], cwd: string, env?: Record<string, string>): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      ...(env ? { env: { ...process.env, ...env } } : {}),
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${failure.stdout ?? ''}${failure.stderr ?? failure.message}`,
    );
  }
}

async function registryReachable(): Promise<boolean> {
  try {
    await run('npm', ['ping', '--loglevel=error'], { cwd: root, timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

async function checkScenario(scenario: Scenario, tarball: string, workspace: string): Promise<string[]> {
  const project = join(workspace, scenario.name);
  mkdirSync(project);
  const lines: string[] = [];
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: `consumer-${scenario.name}`, private: true }, null, 2)}\n`,
  );
  const started = performance.now();
  const installLog = await sh(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=warn', tarball, ...scenario.packages],
    project,
  );
  const engineWarnings = [
    ...new Set([...installLog.matchAll(/EBADENGINE\s+package: '([^']+)'/g)].map((match) => match[1])),
  ];
  const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'ai', 'package.json'), 'utf8')) as {
    version: string;
  };
  const openai = JSON.parse(readFileSync(join(project, 'node_modules', 'openai', 'package.json'), 'utf8')) as {
    version: string;
  };
  lines.push(
    `${scenario.name}: npm install of the tarball with ai ${installed.version} and openai ${openai.version}: ok (${((performance.now() - started) / 1000).toFixed(0)} s)${engineWarnings.length > 0 ? `; npm warns that ${engineWarnings.join(', ')} ask(s) for another Node (EBADENGINE)` : ''}`,
  );
  writeFileSync(join(project, 'consumer.mts'), ESM_CONSUMER);
  writeFileSync(join(project, 'consumer.cts'), CJS_CONSUMER);
  writeFileSync(join(project, 'consumer-node10.ts'), NODE10_CONSUMER);

  for (const check of TYPE_CHECKS) {
    const config = `tsconfig.${TYPE_CHECKS.indexOf(check)}.json`;
    writeFileSync(
      join(project, config),
      JSON.stringify({ compilerOptions: check.options, files: check.files }, null, 2),
    );
    await sh(process.execPath, [join(project, 'node_modules', check.compiler, 'bin', 'tsc'), '-p', config], project);
    lines.push(`${scenario.name}: ${check.name}: no errors`);
  }

  // TypeScript 5.9 under nodenext (ES module and CommonJS), emitting: the check and the build users run.
  writeFileSync(
    join(project, 'tsconfig.emit.json'),
    JSON.stringify({
      compilerOptions: {
        ...STRICT,
        ...NODE_TYPES,
        noEmit: false,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        outDir: 'out',
      },
      files: ['consumer.mts', 'consumer.cts'],
    }),
  );
  await sh(
    process.execPath,
    [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.emit.json'],
    project,
  );
  lines.push(`${scenario.name}: TypeScript 5.9, nodenext (ESM and CJS): no errors`);
  for (const file of ['out/consumer.mjs', 'out/consumer.cjs']) {
    const output = await sh(process.execPath, [file], project);
    lines.push(`${scenario.name}: node ${file} (Node ${process.versions.node}): ${output.trim().split('\n').at(-1)}`);
  }
  return lines;
}

if (!(await registryReachable())) {
  // Everything else in \`npm test\` runs offline; this check needs the registry, which CI always has.
  const message = 'check:consumers: the npm registry cannot be reached, so no consumer project was installed.';
  if (process.env.CI) throw new Error(message);
  console.log(`${message} Skipped (it runs in CI).`);
  process.exit(0);
}

const workspace = mkdtempSync(join(tmpdir(), 'truto-consumers-'));
try {
  const packed = JSON.parse(await sh('npm', ['pack', '--json', '--pack-destination', workspace], root)) as Array<{
    filename: string;
  }>;
  const tarball = join(workspace, packed[0]!.filename);
  const scenarios = SCENARIOS.filter((scenario) => only === undefined || scenario.name === only);
  // One after the other: two installs and two type-checkers at once are more than two cores take well.
  for (const scenario of scenarios) {
    for (const line of await checkScenario(scenario, tarball, workspace)) console.log(line);
  }
  // The repository's own TypeScript 7 checks (typed-invoke diagnostics, the type tests, the generated module) need a
  // TypeScript 7, which cannot sit beside 5.9 in one node_modules (both claim the `tsc` bin): borrow the one just
  // installed, and fail if any of those checks is skipped.
  const typescript7 = join(workspace, scenarios[0]!.name, 'node_modules', 'typescript7', 'bin', 'tsc');
  const output = await sh(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      'test/types/diagnostics.test.ts',
      'test/typegen/generated-module.test.ts',
      '--reporter=verbose',
    ],
    root,
    { TRUTO_TYPESCRIPT7_TSC: typescript7 },
  );
  const ts7Lines = output.split('\n').filter((line) => /TypeScript 7/.test(line));
  if (ts7Lines.length === 0 || ts7Lines.some((line) => /↓|skipped/.test(line)))
    throw new Error(`The TypeScript 7 checks did not all run:\n${output}`);
  console.log(`TypeScript 7 (${typescript7}): the repository's ${ts7Lines.length} TypeScript 7 checks passed.`);
  console.log(`Consumers: ${scenarios.length} projects installed from the tarball, type-checked and run.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`Projects kept in ${workspace}`);
  else rmSync(workspace, { recursive: true, force: true });
}

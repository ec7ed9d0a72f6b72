/**
 * Fuzzing the whole argument pipeline (validation → date normalisation → request building → body encoding) with
 * what a model may send: arbitrary JSON, and objects shaped like each tool's arguments with hostile values. Every
 * call ends as a request (a dry run) or a `ToolInputError`, never anything else, and every request stays under
 * `/proxy/<resource>` with the account id first in its query.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type DryRunRequest, ToolInputError, type TrutoTool, type TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerFor } from '../reliability/support';
import { instanceOf } from './support';

const RUNS_PER_TOOL = 150;

let sandbox: Sandbox;
let manager: TrutoToolManager;
let root: string;
let tools: TrutoTool[];

beforeAll(async () => {
  sandbox = await startSandbox({ syntheticTools: 20 });
  root = await mkdtemp(join(tmpdir(), 'truto-fuzz-root-'));
  manager = managerFor(sandbox, { dryRun: true, now: new Date('2026-11-25T12:00:00Z'), files: { root } });
  tools = await manager.getToolDefinitions();
});

afterAll(async () => {
  await manager.close();
  await sandbox.close();
  await rm(root, { recursive: true, force: true });
});

const HOSTILE = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    '..',
    '../../etc/passwd',
    'last week',
    'since Monday',
    'from 2026-10-01 to 2026-09-01',
    '1e400',
    'NaN',
    -1,
    1e21,
    Number.MAX_SAFE_INTEGER,
    '\u0000',
    'http://169.254.169.254/latest/meta-data',
    '${jndi:ldap://x}',
    '<script>',
    '?a=b&integrated_account_id=other',
  ),
);

function shapedArguments(tool: TrutoTool): fc.Arbitrary<unknown> {
  const properties = Object.keys((tool.argumentsJsonSchema.properties ?? {}) as Record<string, unknown>);
  if (properties.length === 0) return fc.dictionary(fc.string({ maxLength: 6 }), HOSTILE, { maxKeys: 3 });
  return fc.dictionary(fc.oneof(fc.constantFrom(...properties), fc.string({ maxLength: 6 })), HOSTILE, {
    maxKeys: properties.length + 1,
  });
}

describe('every tool of the catalog', () => {
  it(`ends in a request or a ToolInputError, ${RUNS_PER_TOOL} argument sets per tool`, async () => {
    expect(tools.length).toBeGreaterThan(20);
    let requests = 0;
    let refusals = 0;
    for (const tool of tools) {
      const [, resource] = /^\/proxy\/([^/]+)/.exec(tool.plan.basePath) ?? [];
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.jsonValue({ maxDepth: 3 }), shapedArguments(tool), instanceOf(tool.argumentsJsonSchema)),
          async (args) => {
            let request: DryRunRequest;
            try {
              request = await manager.invoke<DryRunRequest>(tool.name, args as Record<string, unknown>);
            } catch (error) {
              if (!(error instanceof ToolInputError)) throw error;
              refusals++;
              return;
            }
            requests++;
            expect(request.dryRun).toBe(true);
            const url = new URL(request.url);
            const segments = url.pathname.split('/');
            expect(segments[1]).toBe('proxy');
            expect(segments[2]).toBe(resource);
            // `/proxy/<resource>`, then at most one segment: the id or the custom method.
            expect(segments.length).toBeLessThanOrEqual(4);
            expect([...url.searchParams.keys()][0]).toBe('integrated_account_id');
            expect(url.searchParams.getAll('integrated_account_id')).toEqual([sandbox.integratedAccountId]);
            expect(JSON.stringify(request)).not.toContain(sandbox.apiKey);
          },
        ),
        { numRuns: RUNS_PER_TOOL },
      );
    }
    console.info(`invoke fuzz: ${tools.length} tools, ${requests} requests built, ${refusals} ToolInputErrors`);
    // Both outcomes occurred: the generators reach past validation.
    expect(requests).toBeGreaterThan(0);
    expect(refusals).toBeGreaterThan(0);
  }, 120_000);
});

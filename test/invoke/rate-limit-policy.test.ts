/**
 * Which limit was hit reaches the model, not only code: an account with a per-minute and a per-day limit needs to
 * know which one a 429 (or a nearly spent budget) belongs to before it decides how long to pause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitError, TrutoToolManager } from '../../src/index.js';
import { formatErrorForModel } from '../../src/invoke/format-error.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;

beforeAll(async () => {
  // Drafts 08–10: `RateLimit: "account";r=…;t=…` with `RateLimit-Policy: "account";q=…;w=…`.
  sandbox = await startSandbox({ rateLimitDialect: 'draft-10' });
});
afterAll(async () => {
  await sandbox.close();
});

function manager(options: { rateLimitInResult?: boolean } = {}) {
  return new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    errorMode: 'return',
    ...options,
  });
}

describe('the rate-limit policy in what the model reads', () => {
  it('a 429 names the policy in effect (the RateLimit field item key)', async () => {
    const tools = manager();
    try {
      sandbox.failNext(1, { status: 429 });
      // A 429 is never turned into a result (the agent loop must pause): the thrown error carries the policy, and the
      // text an adapter gives the model (formatErrorForModel) names it.
      const error = await tools.invokeForModel('list_all_open_ai_models', {}).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).rateLimit.policyName).toBe('account');
      expect(JSON.parse(formatErrorForModel(error as RateLimitError))).toMatchObject({
        error: 'rate_limited',
        rate_limit_policy: 'account',
      });
    } finally {
      await tools.close();
    }
  });

  it('the rate_limit note of a result carries the policy beside what is left', async () => {
    const tools = manager({ rateLimitInResult: true });
    try {
      const { content, isError } = await tools.invokeForModel('list_all_open_ai_models', {});
      expect(isError).toBe(false);
      expect(JSON.parse(content).rate_limit).toMatchObject({ remaining: expect.any(Number), policy: 'account' });
    } finally {
      await tools.close();
    }
  });
});

/** `requireApproval` rules and approval decisions, as pure functions. */
import {
  type AccountTokenOptions,
  type ApprovalDecision,
  type ApprovalDecisionInput,
  type ApprovalPredicate,
  type CatalogSharingOptions,
  type GetAccountToken,
  type IssuedAccountToken,
  type PendingApproval,
  type RequireApproval,
  type SavedCatalog,
  type TelemetryOptions,
  type TokenRequest,
  type TokenRequestReason,
  type TracerProviderLike,
  TrutoConfigError,
  TrutoTool,
} from 'truto-langchainjs-toolset';
import { describe, expect, it } from 'vitest';
import { parseApprovalDecision } from '../../src/approval/decision.js';
import { compileApprovalPolicy } from '../../src/approval/rule.js';

const tool = (method: string) =>
  new TrutoTool({ name: `tool_${method}`, description: '', resource: 'things', method, required: [] } as never);

const METHODS = ['list', 'get', 'create', 'update', 'delete', 'archive'];
const needs = (rules: Parameters<typeof compileApprovalPolicy>[0], args: Record<string, unknown> = {}) => {
  const policy = compileApprovalPolicy(rules)!;
  return METHODS.filter((method) => policy.reasonFor(tool(method), args) !== undefined);
};

describe('requireApproval', () => {
  it('"write" covers every method but list and get, custom methods included', () => {
    expect(needs('write')).toEqual(['create', 'update', 'delete', 'archive']);
    expect(needs(['create', 'update', 'delete'])).toEqual(['create', 'update', 'delete']);
    expect(needs('custom')).toEqual(['archive']);
    expect(needs(['read'])).toEqual(['list', 'get']);
    expect(needs('archive')).toEqual(['archive']);
  });

  it('mixes methods and predicates over the arguments as sent; any match asks', () => {
    const rules = ['delete', (_tool: TrutoTool, args: Record<string, unknown>) => Number(args.amount) > 100] as const;
    expect(needs(rules, { amount: 5 })).toEqual(['delete']);
    expect(needs(rules, { amount: 500 })).toEqual(METHODS);
    expect(compileApprovalPolicy(rules)!.reasonFor(tool('list'), { amount: 500 })).toBe('rule');
    expect(compileApprovalPolicy(rules)!.reasonFor(tool('delete'), {})).toBe('method delete');
  });

  it('is nothing at all when absent or empty, and refuses what it cannot read', () => {
    expect(compileApprovalPolicy(undefined)).toBeUndefined();
    expect(compileApprovalPolicy([])).toBeUndefined();
    expect(() => compileApprovalPolicy([42 as never])).toThrow(TrutoConfigError);
    expect(() => compileApprovalPolicy({ methods: ['delete'] } as never)).toThrow(TrutoConfigError);
  });
});

describe('approval decisions', () => {
  it('read the objects and the shorthands', () => {
    expect(parseApprovalDecision(true)).toEqual({ type: 'approve' });
    expect(parseApprovalDecision('reject')).toEqual({ type: 'reject' });
    expect(parseApprovalDecision({ type: 'reject', reason: 'no' })).toEqual({ type: 'reject', reason: 'no' });
    expect(parseApprovalDecision({ type: 'edit', arguments: { a: 1 } })).toEqual({ type: 'edit', arguments: { a: 1 } });
  });

  it('never take anything unreadable as approval', () => {
    for (const value of [
      undefined,
      null,
      'yes',
      1,
      { type: 'edit' },
      { type: 'edit', arguments: [1] },
      { approved: true },
    ]) {
      expect(() => parseApprovalDecision(value)).toThrow(TrutoConfigError);
    }
  });
});

describe('the package root', () => {
  it('exports the approval, telemetry and account-token API by name', async () => {
    const root = await import('truto-langchainjs-toolset');
    expect(root.ApprovalRequiredError.prototype).toBeInstanceOf(root.TrutoError);
    expect(root.parseApprovalDecision(true)).toEqual({ type: 'approve' });
    expect(root.DEFAULT_ACCOUNT_TOKEN_TTL_SECONDS).toBe(900);
    expect(root.DEFAULT_ACCOUNT_TOKEN_REFRESH_BEFORE_SECONDS).toBe(60);
    expect(root.DEFAULT_MAX_RECORDED_CHARS).toBe(4096);
    expect(root.TRACER_NAME).toBe('truto-langchainjs-toolset');
    // The types, named as a user writes them (checked by tsc over the tests).
    const rules: RequireApproval = ['delete', ((_tool, args) => args.amount === 1) satisfies ApprovalPredicate];
    const telemetry: TelemetryOptions = { recordInputs: false, tracerProvider: {} as TracerProviderLike };
    const reason: TokenRequestReason = 'initial';
    const getToken: GetAccountToken = async (request: TokenRequest) => ({ token: request.integratedAccountId });
    const issued: IssuedAccountToken = { token: 't' };
    const timing: AccountTokenOptions = { ttlSeconds: 60 };
    const sharing: CatalogSharingOptions = { catalogCacheKey: 'acme' };
    const saved: SavedCatalog = [];
    const decision: ApprovalDecision = { type: 'reject' };
    const input: ApprovalDecisionInput = 'approve';
    const pending: PendingApproval | undefined = undefined;
    expect([rules, telemetry, reason, getToken, issued, timing, sharing, saved, decision, input, pending]).toHaveLength(
      11,
    );
  });
});

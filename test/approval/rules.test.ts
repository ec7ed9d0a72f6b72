/** `requireApproval` rules and approval decisions, as pure functions. */
import { TrutoConfigError, TrutoTool } from 'truto-langchainjs-toolset';
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

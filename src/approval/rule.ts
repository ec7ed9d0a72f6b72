/**
 * The manager's `requireApproval` option: which calls a person must approve before they are sent. Rules are Truto
 * method names and predicates; a call needs approval when any rule matches it.
 */
import type { TrutoTool } from '../catalog/truto-tool.js';
import { TrutoConfigError } from '../errors/index.js';

/**
 * Decides from the tool and the arguments as they would be sent (validated, dates resolved) whether a person must
 * approve the call. It must not throw and should be quick: it runs for every call while approvals are on.
 */
export type ApprovalPredicate = (tool: TrutoTool, args: Record<string, unknown>) => boolean;

/**
 * One rule: a Truto method (`create`, `update`, `delete`, `list`, `get`, or a custom method's own name such as
 * `archive`), a group (`write`: every method but `list` and `get`, custom methods included; `read`: `list` and `get`;
 * `custom`: every method outside the five standard ones), or a predicate.
 */
export type ApprovalRule = string | ApprovalPredicate;

/** One rule or several (a call needs approval when any matches). @example ['delete', (tool, args) => args.amount > 100] */
export type RequireApproval = ApprovalRule | readonly ApprovalRule[];

const STANDARD_METHODS = new Set(['list', 'get', 'create', 'update', 'delete']);
const READ_METHODS = new Set(['list', 'get']);

/** Why a call needs approval: the method rule that matched, or `rule` for a predicate. */
export type ApprovalReason = string;

/** The compiled rules: `reasonFor` answers undefined when the call may go ahead. */
export interface ApprovalPolicy {
  /** Whether a method rule alone already decides for every call of this tool (no predicate needed). */
  alwaysFor(tool: TrutoTool): boolean;
  /** Why this call needs approval, or undefined. */
  reasonFor(tool: TrutoTool, args: Record<string, unknown>): ApprovalReason | undefined;
  /** Whether some call of this tool may need approval (for MCP's hints and the AI SDK's `needsApproval`). */
  mayApply(tool: TrutoTool): boolean;
}

/** Compiles `requireApproval`; undefined when there is nothing to approve, so calls pay nothing. */
export function compileApprovalPolicy(rules: RequireApproval | undefined): ApprovalPolicy | undefined {
  if (rules === undefined) return undefined;
  const list: readonly ApprovalRule[] = typeof rules === 'string' || typeof rules === 'function' ? [rules] : rules;
  if (!Array.isArray(list)) {
    throw new TrutoConfigError('"requireApproval" must be a method name, a predicate, or a list of them.');
  }
  const methods: string[] = [];
  const predicates: ApprovalPredicate[] = [];
  for (const rule of list) {
    if (typeof rule === 'function') predicates.push(rule);
    else if (typeof rule === 'string' && rule.trim() !== '') methods.push(rule.trim());
    else {
      throw new TrutoConfigError(
        `"requireApproval" takes Truto method names ('create', 'update', 'delete', 'write', ...) and predicates; got ${JSON.stringify(rule)}.`,
      );
    }
  }
  if (methods.length === 0 && predicates.length === 0) return undefined;
  const methodRule = (method: string): string | undefined => methods.find((rule) => methodMatches(rule, method));
  return {
    alwaysFor: (tool) => methodRule(tool.definition.method) !== undefined,
    mayApply: (tool) => predicates.length > 0 || methodRule(tool.definition.method) !== undefined,
    reasonFor(tool, args) {
      const byMethod = methodRule(tool.definition.method);
      if (byMethod !== undefined) return `method ${byMethod}`;
      for (const predicate of predicates) if (predicate(tool, args)) return 'rule';
      return undefined;
    },
  };
}

function methodMatches(rule: string, method: string): boolean {
  switch (rule) {
    case 'write':
      return !READ_METHODS.has(method);
    case 'read':
      return READ_METHODS.has(method);
    case 'custom':
      return !STANDARD_METHODS.has(method);
    default:
      return rule === method;
  }
}

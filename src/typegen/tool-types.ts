/**
 * The types that let a generated module (see `generateToolTypes`) type-check `manager.invoke(name, args)`.
 * A tool map has one member per tool name, each `{ args; result }`; the generic helpers below read it.
 */
import type { InvokeOptions } from '../manager/tool-manager.js';

/** What a generated map holds per tool. */
export interface ToolTypeEntry {
  args: Record<string, unknown>;
  result: unknown;
}

/** The map of a manager created without generated types: any name, any arguments, an `unknown` answer. */
export type AnyToolMap = Record<string, ToolTypeEntry>;

/** Tool names of a map. */
export type ToolName<Tools> = keyof Tools & string;

export type ToolArgs<Tools, Name extends keyof Tools> = Tools[Name] extends { args: infer Args }
  ? Args
  : Record<string, unknown>;

export type ToolResult<Tools, Name extends keyof Tools> = Tools[Name] extends { result: infer Result }
  ? Result
  : unknown;

/** `args` may be left out when the tool has no required argument. */
export type InvokeParameters<Tools, Name extends keyof Tools> =
  {} extends ToolArgs<Tools, Name>
    ? [args?: ToolArgs<Tools, Name>, options?: InvokeOptions]
    : [args: ToolArgs<Tools, Name>, options?: InvokeOptions];

/** `string` for an untyped manager (any name goes) and `never` for a typed one. */
export type UntypedToolName<Tools> = string extends keyof Tools ? string : never;

/** The constraint a typed manager puts on `invoke<T>`: its text is the compiler's explanation. */
export type GeneratedResultType =
  "this manager's results come from its generated tool types: call invoke(name, args) without a type argument";

/**
 * What `invoke<T>(...)` may name as the result: anything for an untyped manager, nothing for a typed one (whose
 * generated types give each tool's result, so a type argument could only contradict them).
 */
export type InvokeResultOverride<Tools> = string extends keyof Tools ? unknown : GeneratedResultType;

/**
 * `invoke`'s answer: a typed manager's is the tool's result type; an untyped manager's is the type argument when there
 * is one (given, or inferred from where the answer goes, as `const page: Page = await invoke(...)` always allowed),
 * else `unknown`. The typed branch holds no `T`, so nothing is inferred into it from the call's context.
 */
export type InvokeResult<Tools, Name extends keyof Tools, T> = string extends keyof Tools
  ? [T] extends [never]
    ? ToolResult<Tools, Name>
    : T
  : ToolResult<Tools, Name>;

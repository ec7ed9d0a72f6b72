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

/**
 * `string` for an untyped manager and `never` for a typed one: the untyped `invoke<T>(name: string)` overload
 * then exists only where it cannot hide a typing mistake.
 */
export type UntypedToolName<Tools> = string extends keyof Tools ? string : never;

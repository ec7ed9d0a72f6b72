/** The limits one upload field is held to: the tool's own (`perTool`), else the API's known ones, within the global cap. */
import type { FileField } from './file-fields.js';
import type { ResolvedFileOptions } from './options.js';

export interface UploadRules {
  maxBytes: number;
  /** Lower-case, without dots; undefined accepts any extension. */
  extensions?: string[];
}

export function uploadRulesFor(
  toolNames: readonly string[],
  field: FileField,
  options: Pick<ResolvedFileOptions, 'maxUploadBytes' | 'perTool'>,
): UploadRules {
  const custom = toolNames.map((name) => options.perTool[name]).find((rules) => rules !== undefined);
  const maxBytes =
    custom?.maxUploadBytes ?? Math.min(field.known?.maxUploadBytes ?? Number.POSITIVE_INFINITY, options.maxUploadBytes);
  const extensions = custom?.extensions ?? field.known?.extensions;
  return {
    maxBytes,
    ...(extensions ? { extensions: extensions.map((extension) => extension.replace(/^\./, '').toLowerCase()) } : {}),
  };
}

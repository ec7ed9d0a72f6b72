import { TrutoError } from '../errors/index.js';

/**
 * | code | meaning                                                                                       |
 * |------|-----------------------------------------------------------------------------------------------|
 * | 0    | success                                                                                       |
 * | 1    | usage or configuration: unknown command or flag, missing API key or account id, other failures |
 * | 2    | the API: Truto answered an error status, could not be reached, or answered unreadably          |
 * | 3    | input: invalid tool arguments, an unreadable date expression, an unknown tool, bad `--args`    |
 */
export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_API = 2;
export const EXIT_INPUT = 3;

/** A mistake on the command line; its message says how to fix it. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** A command-line value that is well-formed as a flag but not as data (`--args` that is not a JSON object). */
export class CliInputError extends Error {
  override name = 'CliInputError';
}

/** By `code`, not class: codes survive two loaded copies of the package. */
const INPUT_CODES = new Set([
  'invalid_arguments',
  'invalid_file_reference',
  'invalid_date_expression',
  'tool_not_found',
]);

export function exitCodeFor(error: unknown): number {
  if (error instanceof CliInputError) return EXIT_INPUT;
  if (error instanceof CliUsageError) return EXIT_USAGE;
  if (!TrutoError.isInstance(error)) return EXIT_USAGE;
  if (INPUT_CODES.has(error.code)) return EXIT_INPUT;
  // Config errors are usage; everything else in the hierarchy came from (or failed to reach) the API.
  return error.code === 'invalid_config' ? EXIT_USAGE : EXIT_API;
}

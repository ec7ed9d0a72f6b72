/** Reads a source file the sandbox was pointed at, so a missing or unreadable file is a config error naming it. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TrutoConfigError } from '../../../errors/index';

/** `what` names the file in the error: "the catalog", "the OpenAPI document". */
export async function readSourceFile(source: string, what: string): Promise<{ path: string; text: string }> {
  const path = resolve(source);
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (error) {
    throw new TrutoConfigError(`Could not read ${what} ${path}: ${(error as Error).message}`, { cause: error });
  }
}

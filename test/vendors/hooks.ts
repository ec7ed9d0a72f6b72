/** `openVendorCatalog` for a `describe` block: one sandbox per document per file, started once, closed after. */
import { afterAll, beforeAll } from 'vitest';
import { openVendorCatalog, type VendorCatalog, type VendorDocument } from './support.js';

/**
 * Opens the document's catalog in `beforeAll` and closes it in `afterAll`; the returned function gives it to the
 * tests (and throws when read outside them). Starting a sandbox, loading hundreds of tools and compiling them takes
 * seconds, hence the longer hook timeout.
 */
export function useVendorCatalog(document: VendorDocument): () => VendorCatalog {
  let catalog: VendorCatalog | undefined;
  beforeAll(async () => {
    catalog = await openVendorCatalog(document);
  }, 120_000);
  afterAll(async () => {
    await catalog?.close();
  });
  return () => {
    if (catalog === undefined) throw new Error('the vendor catalog opens in beforeAll; read it inside a test');
    return catalog;
  };
}

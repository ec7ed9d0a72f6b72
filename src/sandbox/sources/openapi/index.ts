/**
 * A source serving the integration an OpenAPI 3.0 / 3.1 document describes: the catalog `compileOpenApi` derives,
 * requests validated with Ajv against each operation, answers generated from the response schemas (deterministic
 * for the seed) over a stateful store of records. The packages it needs are optional dependencies, loaded here
 * and nowhere else.
 */
import { importOptional } from '../shared/optional-dependency';
import { SchemaValidators } from '../shared/schema-validator';
import type { SandboxSource } from '../types';
import { compileOpenApi } from './convert';
import { FakeData } from './fake-data';
import { buildResourceHandlers } from './handlers';
import { loadOpenApiDocument } from './load-document';
import { RecordStore } from './record-store';
import { buildResourceModels } from './resource-model';

export interface OpenApiSourceOptions {
  /** The integration name in tool names. @default from the document's `info.title` */
  integration?: string;
  /** Seed of the generated data. */
  seed: number;
}

const FEATURE = 'startSandbox({ openapi })';

export async function createOpenApiSource(
  document: string | object,
  options: OpenApiSourceOptions,
): Promise<SandboxSource> {
  const [loaded, validators, jsf] = await Promise.all([
    loadOpenApiDocument(document),
    SchemaValidators.load(FEATURE),
    importOptional('json-schema-faker', FEATURE, () => import('json-schema-faker')),
  ]);
  const compiled = compileOpenApi(
    loaded.document,
    options.integration !== undefined ? { integration: options.integration } : {},
  );
  const { resources, operations } = buildResourceModels(compiled.operations, compiled.version === '3.0');
  const fake = new FakeData(jsf, { seed: options.seed, integration: compiled.integration });
  const store = new RecordStore(fake, options.seed);
  const handlers = buildResourceHandlers({ compiled, resources, operations, store, fake, validators });
  const tools = compiled.operations.map((operation) => operation.tool);
  return {
    kind: 'openapi',
    integration: compiled.integration,
    label: compiled.title.trim() || compiled.integration,
    tools,
    resource: (name) => handlers.get(name),
    bodyPolicy: 'any',
    reset: () => store.reset(),
    describe: () => ({
      document: loaded.path ?? '(object)',
      openapi: compiled.version,
      operations: compiled.operations.length,
      seed: options.seed,
    }),
  };
}

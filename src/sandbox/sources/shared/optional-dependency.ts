/**
 * The OpenAPI and catalog sources need packages the rest of the SDK does not (a YAML parser, a `$ref` bundler, a
 * data generator, a validator). They are optional dependencies, loaded here with `import()` only when such a
 * source starts, so neither the package root nor the OpenAI sandbox ever loads them; a missing one fails with
 * an error that says what to install.
 */
import { TrutoConfigError } from '../../../errors/index';

/** The optional packages, with the version range package.json asks for. */
export const SANDBOX_OPTIONAL_PACKAGES = {
  yaml: '^2.9.1',
  '@apidevtools/json-schema-ref-parser': '^14.2.1',
  'json-schema-faker': '^0.6.3',
  ajv: '^8.20.0',
  'ajv-formats': '^3.0.1',
} as const;

export type SandboxOptionalPackage = keyof typeof SANDBOX_OPTIONAL_PACKAGES;

/**
 * Runs `load` (a literal `import('<name>')`, so bundlers and the module graph see it) and turns "not installed"
 * into a `TrutoConfigError` naming the package and the feature that needs it.
 */
export async function importOptional<Module>(
  name: SandboxOptionalPackage,
  feature: string,
  load: () => Promise<Module>,
): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    if (!isMissingModule(error, name)) throw error;
    throw new TrutoConfigError(
      `${feature} needs the optional package '${name}', which is not installed. Install it with: npm install ${name}@'${SANDBOX_OPTIONAL_PACKAGES[name]}'`,
      { cause: error },
    );
  }
}

function isMissingModule(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(name);
}

/** The module's default export when it has one (CommonJS packages seen through `import()`), else the module. */
export function defaultExport<Value>(module: unknown): Value {
  const candidate = (module as { default?: unknown }).default;
  return (candidate ?? module) as Value;
}

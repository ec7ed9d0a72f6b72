/**
 * `truto-langchainjs-toolset/sandbox`: a Truto-compatible HTTP server on loopback for one integrated account (OpenAI's
 * by default, any integration from its OpenAPI document, or a saved catalog replayed), for tests, demos and
 * benchmarks; and `toolsFromOpenApi`, the catalog Truto derives from an OpenAPI document.
 */
export * from '../sandbox/index';
export { parseAccountLimit, runSandboxCli, SANDBOX_CLI_USAGE, type SandboxCliIo } from '../sandbox/run-cli';

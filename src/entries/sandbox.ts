/**
 * `truto-langchainjs-toolset/sandbox`: a Truto-compatible HTTP server on loopback for one OpenAI integrated account,
 * for tests, demos and benchmarks.
 */
export * from '../sandbox/index';
export { parseAccountLimit, runSandboxCli, SANDBOX_CLI_USAGE, type SandboxCliIo } from '../sandbox/run-cli';

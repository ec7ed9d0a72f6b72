/**
 * Runs `truto-tools mcp` straight from source (`npx tsx src/cli/commands/mcp-main.ts`), for tests and for MCP client
 * configs that point at a checkout. The packaged `truto-tools` command routes `mcp` to the same function.
 */
import { runMcpCommand } from './mcp.js';

process.exitCode = await runMcpCommand(process.argv.slice(2), process.env);

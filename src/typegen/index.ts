export { DEFAULT_TOOL_TYPES_NAME, type GenerateToolTypesOptions, generateToolTypes } from './generate-tool-types.js';
export type {
  AnyToolMap,
  InvokeParameters,
  ToolArgs,
  ToolName,
  ToolResult,
  ToolTypeEntry,
  UntypedToolName,
} from './tool-types.js';

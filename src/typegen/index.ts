export {
  DEFAULT_TOOL_TYPES_NAME,
  type GenerateToolTypesOptions,
  generateToolTypes,
  managerTypeNameFor,
} from './generate-tool-types.js';
export type {
  AnyToolMap,
  GeneratedResultType,
  InvokeParameters,
  InvokeResult,
  InvokeResultOverride,
  ToolArgs,
  ToolName,
  ToolResult,
  ToolTypeEntry,
  UntypedToolName,
} from './tool-types.js';

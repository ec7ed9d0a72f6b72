import { TrutoError } from '../../errors/index.js';

/**
 * A failed call reported as text (the manager's `errorMode: 'return'`), raised again for frameworks that mark tool
 * errors by a throw (the AI SDK). Its message is exactly the JSON the model should read.
 */
export class ToolResultError extends TrutoError {
  override readonly code: string = 'tool_error';
  readonly toolName: string;

  constructor(toolName: string, content: string) {
    super(content);
    this.toolName = toolName;
  }
}

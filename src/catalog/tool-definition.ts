/**
 * A tool as Truto's `GET /integrated-account/:id/tools` describes it. `required` is one flat list over the
 * properties of both schemas; either schema may be missing.
 */
export interface TrutoToolDefinition {
  name: string;
  description?: string;
  /** The Proxy API resource (`costs`, `audio/transcriptions`, ...). */
  resource: string;
  /** `list`, `get`, `create`, `update`, `delete`, or a custom method name. */
  method: string;
  query_schema?: JsonSchemaObject;
  body_schema?: JsonSchemaObject;
  required?: string[];
  tags?: string[];
  [extra: string]: unknown;
}

/** A JSON Schema object as it arrives on the wire; we never trust its shape. */
export type JsonSchemaObject = Record<string, unknown>;

/** Where an argument goes on the wire. */
export type ArgumentLocation = 'path' | 'query' | 'body';

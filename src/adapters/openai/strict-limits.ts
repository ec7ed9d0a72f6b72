import { isJsonSchema, type JsonSchema } from '../shared/json-schema.js';
import { STRICT_LIMITS } from './strict-rules.js';

/**
 * OpenAI's size limits for a strict schema (Structured Outputs guide, "Supported schemas", 2026): 5,000 object
 * properties, 1,000 enum values, 120,000 characters of property names, enum values and const values, and, for an
 * enum of more than 250 string values, 15,000 characters of values. Nesting depth is handled by the converter.
 */
const MAX_SCHEMA_CHARACTERS = 120_000;
const LARGE_ENUM_VALUES = 250;
const LARGE_ENUM_CHARACTERS = 15_000;

/** Why OpenAI would refuse this strict schema for its size, or undefined when it fits. Pure. */
export function strictSizeProblem(schema: JsonSchema): string | undefined {
  let properties = 0;
  let enumValues = 0;
  let characters = 0;
  let problem: string | undefined;
  const visit = (node: unknown): void => {
    if (problem !== undefined) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isJsonSchema(node)) return;
    if (isJsonSchema(node.properties)) {
      for (const name of Object.keys(node.properties)) {
        properties++;
        characters += name.length;
      }
    }
    if (Array.isArray(node.enum)) {
      enumValues += node.enum.length;
      const enumCharacters = node.enum.reduce((sum: number, value) => sum + String(value).length, 0);
      characters += enumCharacters;
      if (node.enum.length > LARGE_ENUM_VALUES && enumCharacters > LARGE_ENUM_CHARACTERS) {
        problem = `an enum of ${node.enum.length} values spends ${enumCharacters} characters (OpenAI's limit: ${LARGE_ENUM_CHARACTERS})`;
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'enum' && typeof value === 'object' && value !== null) visit(value);
    }
  };
  visit(schema);
  if (problem) return problem;
  if (properties > STRICT_LIMITS.maxProperties)
    return `${properties} object properties (OpenAI's limit: ${STRICT_LIMITS.maxProperties})`;
  if (enumValues > STRICT_LIMITS.maxEnumValues)
    return `${enumValues} enum values (OpenAI's limit: ${STRICT_LIMITS.maxEnumValues})`;
  if (characters > MAX_SCHEMA_CHARACTERS)
    return `${characters} characters of names and values (OpenAI's limit: ${MAX_SCHEMA_CHARACTERS})`;
  return undefined;
}

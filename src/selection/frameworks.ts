/** The frameworks whose tool JSON can be counted (see tokens.ts). Apart so that options can name them cheaply. */
export type TokenFramework = 'openai' | 'openai-responses' | 'anthropic' | 'langchain' | 'ai-sdk' | 'mcp';

export const TOKEN_FRAMEWORKS: readonly TokenFramework[] = [
  'openai',
  'openai-responses',
  'anthropic',
  'langchain',
  'ai-sdk',
  'mcp',
];

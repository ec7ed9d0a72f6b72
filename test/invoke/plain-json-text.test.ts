import { describe, expect, it } from 'vitest';
import { TrutoTool } from '../../src/catalog/truto-tool.js';
import { createFileHandling } from '../../src/files/file-handling.js';
import { plainJsonText } from '../../src/invoke/format-result.js';
import { OPENAI_TOOLS } from '../../src/sandbox/tools/openai-tools.js';

const tool = new TrutoTool(OPENAI_TOOLS.find((definition) => definition.name === 'list_all_open_ai_models')!);
const files = createFileHandling({ resultBudgetChars: 2_000 });
const limits = { maxStringChars: files.options.base64ThresholdBytes, budgetChars: files.options.resultBudgetChars };
const pngBase64 = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(600, 1)]).toString('base64');

describe('plainJsonText (the shortcut past the file layer)', () => {
  it('gives exactly the text the file layer gives for answers with nothing to offload or cut', async () => {
    const answers: unknown[] = [
      { id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' },
      { result: Array.from({ length: 10 }, (_, index) => ({ id: `m-${index}`, tags: ['a', 'b'] })), next_cursor: null },
      [],
      {},
      [1, 'two', null, { three: [true] }],
    ];
    for (const data of answers) {
      const expected = await files.formatResultForModel!(tool, { data, status: 200, headers: {} }, {});
      expect(plainJsonText(data, limits)).toBe(expected);
    }
  });

  it('steps aside for long strings (possible base64), answers over the budget, text and bytes', () => {
    expect(plainJsonText({ data: [{ b64_json: pngBase64 }] }, limits)).toBeUndefined();
    expect(plainJsonText({ note: 'x'.repeat(limits.maxStringChars + 1) }, limits)).toBeUndefined();
    expect(plainJsonText({ items: Array.from({ length: 400 }, (_, index) => index) }, limits)).toBeUndefined();
    expect(plainJsonText('plain text', limits)).toBeUndefined();
    expect(plainJsonText(Buffer.from('bytes'), limits)).toBeUndefined();
    expect(plainJsonText(null, limits)).toBeUndefined();
  });
});

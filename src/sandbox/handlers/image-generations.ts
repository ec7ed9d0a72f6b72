/**
 * `create_a_open_ai_image_generation`: POST /proxy/image_generations → `POST /v1/images/generations`.
 * DALL·E answers a deterministic https URL (default) or base64; GPT image models always answer base64 with token
 * usage. The base64 is a real 64×64 PNG drawn from the prompt's hash: small on purpose, whatever `size` says, so
 * tests and agents never haul megabytes around. GPT image answers report `output_format: png`, the only format the
 * sandbox draws.
 */
import { hashText } from '../data/hash';
import { ORGANIZATION_ID } from '../data/organization';
import { invalidValue, remoteError } from '../errors';
import { createPatternPng } from '../media/png';
import { bodyEnum, bodyNumber, bodyString } from '../params';
import type { ProxyAnswer, ProxyCall, ResourceHandlers } from './types';

interface ModelRules {
  maxPrompt: number;
  sizes: readonly string[];
  defaultSize: string;
  qualities: readonly string[];
  maxImages: number;
  gptImage: boolean;
}

const DALL_E_2: ModelRules = {
  maxPrompt: 1000,
  sizes: ['256x256', '512x512', '1024x1024'],
  defaultSize: '1024x1024',
  qualities: ['standard', 'auto'],
  maxImages: 10,
  gptImage: false,
};
const DALL_E_3: ModelRules = {
  maxPrompt: 4000,
  sizes: ['1024x1024', '1792x1024', '1024x1792'],
  defaultSize: '1024x1024',
  qualities: ['standard', 'hd', 'auto'],
  maxImages: 1,
  gptImage: false,
};
const GPT_IMAGE: ModelRules = {
  maxPrompt: 32_000,
  sizes: ['auto', '1024x1024', '1536x1024', '1024x1536'],
  defaultSize: 'auto',
  qualities: ['low', 'medium', 'high', 'auto'],
  maxImages: 10,
  gptImage: true,
};

const RULES: Readonly<Record<string, ModelRules>> = {
  'dall-e-2': DALL_E_2,
  'dall-e-3': DALL_E_3,
  'gpt-image-1': GPT_IMAGE,
  'gpt-image-1-mini': GPT_IMAGE,
  'gpt-image-1.5': GPT_IMAGE,
  'gpt-image-2': GPT_IMAGE,
};

/** Output tokens of one square image per quality (OpenAI's published figures); non-square sizes cost 1.5×. */
const IMAGE_TOKENS: Readonly<Record<string, number>> = { low: 272, medium: 1056, high: 4160 };

export const imageGenerationsHandlers: ResourceHandlers = { create: createImage };

function createImage(call: ProxyCall): ProxyAnswer {
  const prompt = bodyString(call.body, 'prompt', true)!;
  const model = bodyString(call.body, 'model') ?? 'dall-e-2';
  const rules = RULES[model];
  if (rules === undefined)
    throw invalidValue(
      'model',
      model,
      `Supported values are: ${Object.keys(RULES)
        .map((name) => `'${name}'`)
        .join(', ')}.`,
    );
  if (prompt.length > rules.maxPrompt) {
    throw remoteError(400, {
      message: `Invalid 'prompt': string too long. Expected a string with maximum length ${rules.maxPrompt}, but got a string with length ${prompt.length} instead.`,
      param: 'prompt',
      code: 'string_above_max_length',
    });
  }
  const count = bodyNumber(call.body, 'n', { integer: true, min: 1, max: 10 }) ?? 1;
  if (count > rules.maxImages) throw invalidValue('n', count, `Model '${model}' supports n=${rules.maxImages} only.`);
  // The spec's default is `auto` for every model, and clients fill defaults in; DALL·E reads it as its own default.
  const requestedSize = bodyString(call.body, 'size') ?? rules.defaultSize;
  const size = requestedSize === 'auto' && !rules.gptImage ? rules.defaultSize : requestedSize;
  if (!rules.sizes.includes(size))
    throw invalidValue('size', size, `Supported sizes for '${model}' are: ${rules.sizes.join(', ')}.`);
  const quality = bodyString(call.body, 'quality') ?? 'auto';
  if (!rules.qualities.includes(quality))
    throw invalidValue('quality', quality, `Supported qualities for '${model}' are: ${rules.qualities.join(', ')}.`);
  const responseFormat = bodyEnum(call.body, 'response_format', ['url', 'b64_json'], 'url');
  const style = bodyEnum(call.body, 'style', ['vivid', 'natural'], 'vivid');
  const background = bodyEnum(call.body, 'background', ['transparent', 'opaque', 'auto'], 'auto');
  const base64 = rules.gptImage || responseFormat === 'b64_json';
  const data = Array.from({ length: count }, (_, index) => {
    const seed = hashText(`${model}|${size}|${quality}|${style}|${index}|${prompt}`);
    const image: Record<string, string> = base64
      ? {
          b64_json: createPatternPng({ seed, transparent: rules.gptImage && background === 'transparent' }).toString(
            'base64',
          ),
        }
      : { url: imageUrl(seed, prompt) };
    if (model === 'dall-e-3') image.revised_prompt = revisePrompt(prompt, style, size);
    return image;
  });
  const created = Math.floor(call.nowMs / 1000);
  if (!rules.gptImage) return { json: { created, data } };
  const answeredSize = size === 'auto' ? '1024x1024' : size;
  const answeredQuality = quality === 'auto' ? 'medium' : quality;
  const perImage = Math.round(IMAGE_TOKENS[answeredQuality]! * (answeredSize === '1024x1024' ? 1 : 1.5));
  const textTokens = Math.max(1, Math.ceil(prompt.length / 4));
  return {
    json: {
      created,
      background: background === 'transparent' ? 'transparent' : 'opaque',
      data,
      output_format: 'png',
      quality: answeredQuality,
      size: answeredSize,
      usage: {
        input_tokens: textTokens,
        input_tokens_details: { text_tokens: textTokens, image_tokens: 0 },
        output_tokens: perImage * count,
        output_tokens_details: { image_tokens: perImage * count, text_tokens: 0 },
        total_tokens: textTokens + perImage * count,
      },
    },
  };
}

/** Shaped like OpenAI's Azure blob URLs, minus the expiry parameters, so it stays the same for the same request. */
function imageUrl(seed: number, prompt: string): string {
  const name = `img-${seed.toString(36)}${hashText(prompt).toString(36)}`;
  const signature = encodeURIComponent(Buffer.from(`${seed}:${hashText(prompt, seed)}`).toString('base64'));
  return `https://oaidalleapiprodscus.blob.core.windows.net/private/${ORGANIZATION_ID}/user-sandbox/${name}.png?sv=2024-08-04&sr=b&sp=r&sig=${signature}`;
}

function revisePrompt(prompt: string, style: string, size: string): string {
  const subject = prompt.trim().replace(/[.!\s]+$/, '');
  const framing = size === '1792x1024' ? 'wide landscape' : size === '1024x1792' ? 'tall portrait' : 'square';
  const look = style === 'natural' ? 'natural, true-to-life' : 'vivid, richly detailed';
  return `A ${look} ${framing} illustration of ${subject}, with a balanced composition, soft directional lighting and a clean, uncluttered background.`;
}

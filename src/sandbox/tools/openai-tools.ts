/**
 * The OpenAI integrated account's tools, as Truto's `/tools` endpoint serves them: schemas inlined from OpenAI's
 * OpenAPI spec (no `$ref`), query arguments in `query_schema`, body in `body_schema`, one flat `required` list.
 * List tools page with `limit` and `next_cursor`; get, update and delete tools take `id`.
 * The names are a contract: the seed article, the demo and users' tests call them.
 */
import type { TrutoToolDefinition } from '../../catalog/tool-definition';
import { SPEECH_FORMATS, SPEECH_VOICES } from '../data/speech';

type Schema = Record<string, unknown>;

const objectSchema = (properties: Record<string, Schema>): Schema => ({ type: 'object', properties });

const nextCursor = (): Schema => ({
  type: 'string',
  description:
    'Cursor for the next page of results. Use the `next_cursor` value from the previous response; leave empty for the first page.',
});

const unixSeconds = (description: string): Schema => ({ type: 'integer', description });

const stringArray = (description: string, values?: readonly string[]): Schema => ({
  type: 'array',
  description,
  items: values ? { type: 'string', enum: [...values] } : { type: 'string' },
});

const RATE_LIMIT_UPDATE_FIELDS: Record<string, Schema> = {
  max_requests_per_1_minute: { type: 'integer', description: 'The maximum requests per minute.' },
  max_tokens_per_1_minute: { type: 'integer', description: 'The maximum tokens per minute.' },
  max_images_per_1_minute: {
    type: 'integer',
    description: 'The maximum images per minute. Only relevant for certain models.',
  },
  max_audio_megabytes_per_1_minute: {
    type: 'integer',
    description: 'The maximum audio megabytes per minute. Only relevant for certain models.',
  },
  max_requests_per_1_day: {
    type: 'integer',
    description: 'The maximum requests per day. Only relevant for certain models.',
  },
  batch_1_day_max_input_tokens: {
    type: 'integer',
    description: 'The maximum batch input tokens per day. Only relevant for certain models.',
  },
};

export const OPENAI_TOOLS: readonly TrutoToolDefinition[] = [
  {
    name: 'list_all_open_ai_costs',
    description:
      "Get costs details for the organization. Returns the organization's spend as time buckets of one day, each with a list of cost results (amount in USD, optionally grouped by project, line item or API key). Requires `start_time` as Unix seconds; use it to audit daily or monthly API spend and find the projects and line items that cost the most.",
    resource: 'costs',
    method: 'list',
    query_schema: objectSchema({
      start_time: unixSeconds('Start time (Unix seconds) of the query time range, inclusive.'),
      end_time: unixSeconds('End time (Unix seconds) of the query time range, exclusive.'),
      bucket_width: {
        type: 'string',
        enum: ['1d'],
        default: '1d',
        description: 'Width of each time bucket in response. Currently only `1d` is supported, default to `1d`.',
      },
      project_ids: stringArray('Return only costs for these projects.'),
      api_key_ids: stringArray('Return only costs for these API keys.'),
      group_by: stringArray(
        'Group the costs by the specified fields. Support fields include `project_id`, `line_item`, `api_key_id` and any combination of them.',
        ['project_id', 'line_item', 'api_key_id'],
      ),
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: 180,
        default: 7,
        description:
          'A limit on the number of buckets to be returned. Limit can range between 1 and 180, and the default is 7.',
      },
      next_cursor: nextCursor(),
    }),
    required: ['start_time'],
    tags: ['usage', 'costs', 'billing'],
  },
  {
    name: 'list_all_open_ai_completions_usage',
    description:
      'Get completions usage details for the organization. Returns time buckets (1m, 1h or 1d) of token usage for completion requests: input tokens, output tokens, cached and uncached input tokens, audio tokens and the number of model requests, optionally grouped by project, user, API key, model, batch or service tier. Requires `start_time` as Unix seconds. The cache-hit ratio is `input_cached_tokens / input_tokens`.',
    resource: 'completions_usage',
    method: 'list',
    query_schema: objectSchema({
      start_time: unixSeconds('Start time (Unix seconds) of the query time range, inclusive.'),
      end_time: unixSeconds('End time (Unix seconds) of the query time range, exclusive.'),
      bucket_width: {
        type: 'string',
        enum: ['1m', '1h', '1d'],
        default: '1d',
        description:
          'Width of each time bucket in response. Currently `1m`, `1h` and `1d` are supported, default to `1d`.',
      },
      project_ids: stringArray('Return only usage for these projects.'),
      user_ids: stringArray('Return only usage for these users.'),
      api_key_ids: stringArray('Return only usage for these API keys.'),
      models: stringArray('Return only usage for these models.'),
      batch: {
        type: 'boolean',
        description:
          'If `true`, return batch jobs only. If `false`, return non-batch jobs only. By default, return both.',
      },
      group_by: stringArray(
        'Group the usage data by the specified fields. Support fields include `project_id`, `user_id`, `api_key_id`, `model`, `batch`, `service_tier` or any combination of them.',
        ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'],
      ),
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: 1440,
        description:
          'Specifies the number of buckets to return.\n- `bucket_width=1d`: default: 7, max: 31\n- `bucket_width=1h`: default: 24, max: 168\n- `bucket_width=1m`: default: 60, max: 1440',
      },
      next_cursor: nextCursor(),
    }),
    required: ['start_time'],
    tags: ['usage'],
  },
  {
    name: 'list_all_open_ai_project_rate_limits',
    description:
      'Returns the rate limits per model for a project: maximum requests, tokens and (for some models) images or audio megabytes per minute. Use it as a pre-flight check before batch work to avoid 429 errors.',
    resource: 'project_rate_limits',
    method: 'list',
    query_schema: objectSchema({
      project_id: { type: 'string', description: 'The ID of the project, e.g. `proj_12345`.' },
      limit: {
        type: 'integer',
        default: 100,
        description: 'A limit on the number of objects to be returned. The default is 100.',
      },
      after: {
        type: 'string',
        description:
          'A cursor for use in pagination. `after` is an object ID that defines your place in the list. For instance, if you make a list request and receive 100 objects, ending with obj_foo, your subsequent call can include after=obj_foo in order to fetch the next page of the list.',
      },
      before: {
        type: 'string',
        description:
          'A cursor for use in pagination. `before` is an object ID that defines your place in the list. For instance, if you make a list request and receive 100 objects, beginning with obj_foo, your subsequent call can include before=obj_foo in order to fetch the previous page of the list.',
      },
      next_cursor: nextCursor(),
    }),
    required: ['project_id'],
    tags: ['projects', 'rate_limits'],
  },
  {
    name: 'update_a_open_ai_project_rate_limit_by_id',
    description:
      "Updates a project rate limit: lowers or raises a model's maximum requests, tokens, images or audio megabytes per minute (or per day) for one project.",
    resource: 'project_rate_limits',
    method: 'update',
    query_schema: objectSchema({
      id: { type: 'string', description: 'The ID of the rate limit, e.g. `rl_gpt-4o`.' },
      project_id: { type: 'string', description: 'The ID of the project.' },
    }),
    body_schema: objectSchema(RATE_LIMIT_UPDATE_FIELDS),
    required: ['id', 'project_id'],
    tags: ['projects', 'rate_limits'],
  },
  {
    name: 'list_all_open_ai_projects',
    description:
      'Returns a list of projects in the organization, with their ids, names, creation time and status. Archived projects are left out unless `include_archived` is true.',
    resource: 'projects',
    method: 'list',
    query_schema: objectSchema({
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: 100,
        default: 20,
        description:
          'A limit on the number of objects to be returned. Limit can range between 1 and 100, and the default is 20.',
      },
      after: {
        type: 'string',
        description:
          'A cursor for use in pagination. `after` is an object ID that defines your place in the list. For instance, if you make a list request and receive 100 objects, ending with obj_foo, your subsequent call can include after=obj_foo in order to fetch the next page of the list.',
      },
      include_archived: {
        type: 'boolean',
        default: false,
        description:
          'If `true` returns all projects including those that have been `archived`. Archived projects are not included by default.',
      },
      next_cursor: nextCursor(),
    }),
    required: [],
    tags: ['projects'],
  },
  {
    name: 'get_single_open_ai_project_by_id',
    description: 'Retrieves a project: its id, name, creation time, archive time and status (`active` or `archived`).',
    resource: 'projects',
    method: 'get',
    query_schema: objectSchema({ id: { type: 'string', description: 'The ID of the project, e.g. `proj_12345`.' } }),
    required: ['id'],
    tags: ['projects'],
  },
  {
    name: 'open_ai_projects_archive',
    description:
      'Archives a project in the organization. Archived projects cannot be used or updated, and their API keys stop working. Returns the archived project.',
    resource: 'projects',
    method: 'archive',
    body_schema: objectSchema({ project_id: { type: 'string', description: 'The ID of the project to archive.' } }),
    required: ['project_id'],
    tags: ['projects'],
  },
  {
    name: 'list_all_open_ai_models',
    description:
      'Lists the currently available models, and provides basic information about each one such as the owner and availability. Includes fine-tuned models owned by the organization (ids starting with `ft:`).',
    resource: 'models',
    method: 'list',
    query_schema: objectSchema({
      limit: {
        type: 'integer',
        minimum: 1,
        description: 'A limit on the number of models to be returned. All models by default.',
      },
      next_cursor: nextCursor(),
    }),
    required: [],
    tags: ['models'],
  },
  {
    name: 'get_single_open_ai_model_by_id',
    description:
      'Retrieves a model instance, providing basic information about the model such as the owner and permissioning.',
    resource: 'models',
    method: 'get',
    query_schema: objectSchema({
      id: {
        type: 'string',
        description:
          'The ID of the model to use for this request, e.g. `gpt-4o-mini` or `ft:gpt-4o-mini:acme:custom:abc123`.',
      },
    }),
    required: ['id'],
    tags: ['models'],
  },
  {
    name: 'delete_a_open_ai_model_by_id',
    description: 'Delete a fine-tuned model. You must have the Owner role in your organization to delete a model.',
    resource: 'models',
    method: 'delete',
    query_schema: objectSchema({
      id: { type: 'string', description: 'The model to delete, e.g. `ft:gpt-4o-mini:acme:custom:abc123`.' },
    }),
    required: ['id'],
    tags: ['models'],
  },
  {
    name: 'create_a_open_ai_transcription',
    description:
      'Transcribes audio into the input language. Upload the audio file (flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav or webm, at most 25 MB) with a model such as `whisper-1` or `gpt-4o-transcribe`. Returns the transcribed text with token usage (or duration for whisper-1); `text`, `srt` and `vtt` formats return plain text.',
    resource: 'transcriptions',
    method: 'create',
    body_schema: objectSchema({
      file: {
        type: 'string',
        format: 'binary',
        description:
          'The audio file object (not file name) to transcribe, in one of these formats: flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav, or webm. The request must include enough format metadata for the file to be identified. We recommend an extension-bearing filename and an appropriate content type.',
      },
      model: {
        type: 'string',
        description:
          'ID of the model to use. The options are `gpt-4o-transcribe`, `gpt-4o-mini-transcribe`, `whisper-1` (which is powered by our open source Whisper V2 model), and `gpt-4o-transcribe-diarize`.',
        examples: ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe'],
      },
      language: {
        type: 'string',
        description:
          'The language of the input audio. Supplying the input language in ISO-639-1 (e.g. `en`) format will improve accuracy and latency.',
      },
      prompt: {
        type: 'string',
        description:
          "An optional text to guide the model's style or continue a previous audio segment. The prompt should match the audio language.",
      },
      response_format: {
        type: 'string',
        enum: ['json', 'text', 'srt', 'verbose_json', 'vtt', 'diarized_json'],
        default: 'json',
        description:
          'The format of the output, in one of these options: `json`, `text`, `srt`, `verbose_json`, `vtt`, or `diarized_json`. For `gpt-4o-transcribe` and `gpt-4o-mini-transcribe`, the only supported formats are `json` and `text`.',
      },
      temperature: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        default: 0,
        description:
          'The sampling temperature, between 0 and 1. Higher values like 0.8 will make the output more random, while lower values like 0.2 will make it more focused and deterministic.',
      },
      timestamp_granularities: {
        type: 'array',
        items: { type: 'string', enum: ['word', 'segment'] },
        default: ['segment'],
        description:
          'The timestamp granularities to populate for this transcription. `response_format` must be set `verbose_json` to use timestamp granularities. Either or both of these options are supported: `word`, or `segment`.',
      },
    }),
    required: ['file', 'model'],
    tags: ['audio'],
  },
  {
    name: 'create_a_open_ai_image_generation',
    description:
      'Creates an image given a prompt, with `dall-e-2`, `dall-e-3` or a GPT image model (`gpt-image-1`). Returns each image as a URL valid for 60 minutes (`response_format: url`, the default for DALL·E) or as base64-encoded PNG data (`b64_json`, always for GPT image models). Prefer URLs when the image goes to another system.',
    resource: 'image_generations',
    method: 'create',
    body_schema: objectSchema({
      prompt: {
        type: 'string',
        description:
          'A text description of the desired image(s). The maximum length is 32000 characters for the GPT image models, 1000 characters for `dall-e-2` and 4000 characters for `dall-e-3`.',
      },
      model: {
        type: 'string',
        default: 'dall-e-2',
        description:
          'The model to use for image generation. One of `dall-e-2`, `dall-e-3`, or `gpt-image-1`. Defaults to `dall-e-2`.',
        examples: ['dall-e-3', 'gpt-image-1'],
      },
      n: {
        type: 'integer',
        minimum: 1,
        maximum: 10,
        default: 1,
        description:
          'The number of images to generate. Must be between 1 and 10. For `dall-e-3`, only `n=1` is supported.',
      },
      quality: {
        type: 'string',
        enum: ['standard', 'hd', 'low', 'medium', 'high', 'auto'],
        default: 'auto',
        description:
          'The quality of the image that will be generated. `high`, `medium` and `low` are supported for the GPT image models; `hd` and `standard` for `dall-e-3`; `standard` is the only option for `dall-e-2`.',
      },
      response_format: {
        type: 'string',
        enum: ['url', 'b64_json'],
        default: 'url',
        description:
          'The format in which generated images with `dall-e-2` and `dall-e-3` are returned. Must be one of `url` or `b64_json`. URLs are only valid for 60 minutes after the image has been generated. GPT image models always return base64-encoded images.',
      },
      output_format: {
        type: 'string',
        enum: ['png', 'jpeg', 'webp'],
        default: 'png',
        description: 'The format in which the generated images are returned. Only supported for the GPT image models.',
      },
      size: {
        type: 'string',
        enum: ['auto', '1024x1024', '1536x1024', '1024x1536', '256x256', '512x512', '1792x1024', '1024x1792'],
        default: 'auto',
        description:
          'The size of the generated images. `1024x1024`, `1536x1024` (landscape), `1024x1536` (portrait) or `auto` for the GPT image models; `256x256`, `512x512` or `1024x1024` for `dall-e-2`; `1024x1024`, `1792x1024` or `1024x1792` for `dall-e-3`.',
      },
      background: {
        type: 'string',
        enum: ['transparent', 'opaque', 'auto'],
        default: 'auto',
        description: 'The background of the generated image(s). Only supported for the GPT image models.',
      },
      style: {
        type: 'string',
        enum: ['vivid', 'natural'],
        default: 'vivid',
        description: 'The style of the generated images. Only supported for `dall-e-3`.',
      },
      user: {
        type: 'string',
        description:
          'A unique identifier representing your end-user, which can help OpenAI to monitor and detect abuse.',
      },
    }),
    required: ['prompt'],
    tags: ['images'],
  },
  {
    name: 'create_a_open_ai_speech',
    description:
      'Generates audio from the input text (text to speech). Returns the raw audio file content (mp3 by default, or wav, pcm, opus, aac, flac); save the binary answer rather than reading it.',
    resource: 'speech',
    method: 'create',
    body_schema: objectSchema({
      model: {
        type: 'string',
        description: 'One of the available TTS models: `tts-1`, `tts-1-hd` or `gpt-4o-mini-tts`.',
        examples: ['tts-1', 'gpt-4o-mini-tts'],
      },
      input: {
        type: 'string',
        maxLength: 4096,
        description: 'The text to generate audio for. The maximum length is 4096 characters.',
      },
      voice: {
        description:
          'The voice to use when generating the audio. Supported voices are `alloy`, `ash`, `ballad`, `coral`, `echo`, `fable`, `onyx`, `nova`, `sage`, `shimmer`, `verse`, `marin`, and `cedar`, or a custom voice object with an `id`.',
        anyOf: [
          {
            type: 'string',
            enum: [...SPEECH_VOICES],
          },
          {
            type: 'object',
            description: 'Custom voice reference.',
            properties: { id: { type: 'string', description: 'The custom voice ID, e.g. `voice_1234`.' } },
            required: ['id'],
            additionalProperties: false,
          },
        ],
      },
      instructions: {
        type: 'string',
        maxLength: 4096,
        description:
          'Control the voice of your generated audio with additional instructions. Does not work with `tts-1` or `tts-1-hd`.',
      },
      response_format: {
        type: 'string',
        enum: [...SPEECH_FORMATS],
        default: 'mp3',
        description: 'The format to audio in. Supported formats are `mp3`, `opus`, `aac`, `flac`, `wav`, and `pcm`.',
      },
      speed: {
        type: 'number',
        minimum: 0.25,
        maximum: 4,
        default: 1,
        description: 'The speed of the generated audio. Select a value from `0.25` to `4.0`. `1.0` is the default.',
      },
    }),
    required: ['model', 'input', 'voice'],
    tags: ['audio'],
  },
];

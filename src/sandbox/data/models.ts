/** The models the organisation sees: OpenAI's own plus fine-tunes it owns (the only deletable ones). */
import { ORGANIZATION_ID } from './organization';

export interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

const model = (id: string, created: number, ownedBy = 'system'): ModelObject => ({
  id,
  object: 'model',
  created,
  owned_by: ownedBy,
});

export const MODELS: readonly ModelObject[] = [
  model('gpt-4o', 1715367049),
  model('gpt-4o-2024-08-06', 1722814719),
  model('gpt-4o-mini', 1721172741),
  model('gpt-4o-mini-2024-07-18', 1721172717),
  model('gpt-4o-audio-preview', 1727460443),
  model('o3-mini', 1737146383),
  model('gpt-4o-transcribe', 1742068463),
  model('gpt-4o-mini-transcribe', 1742068596),
  model('gpt-4o-mini-tts', 1742403959),
  model('whisper-1', 1677532384, 'openai-internal'),
  model('tts-1', 1681940951, 'openai-internal'),
  model('tts-1-hd', 1699046015),
  model('dall-e-2', 1698798177),
  model('dall-e-3', 1698785189),
  model('gpt-image-1', 1745517030),
  model('text-embedding-3-small', 1705948997),
  model('ft:gpt-4o-mini:acme:custom:abc123', 1726050121, ORGANIZATION_ID),
  model('ft:gpt-4o-mini-2024-07-18:acme:support-triage:9Kx2LmQp', 1731604388, ORGANIZATION_ID),
  model('ft:gpt-4o-2024-08-06:acme::B7c4Tz1W', 1736937220, ORGANIZATION_ID),
];

/** Fine-tuned models are the organisation's own; OpenAI refuses to delete anything else. */
export function isFineTune(id: string): boolean {
  return id.startsWith('ft:');
}

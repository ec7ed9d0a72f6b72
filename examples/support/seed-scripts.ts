/**
 * Scripts for the scripted chat model: the tool calls a capable model makes for the seed article's prompts,
 * deciding each next step from the tool results it has read (it really sums the costs and picks the project).
 */
import { answer, callTool, type Script } from './scripted-chat-model.js';

export const SPEND_AUDIT_PROMPT =
  "Audit the organization's OpenAI costs for the past week. If the spend exceeds $500, check the rate limits for our primary production project to ensure we aren't at risk of throttling, and summarize the findings.";

export const PODCAST_PROMPT =
  "Process the raw audio file of yesterday's podcast interview (all-hands.wav). Transcribe the audio, write a 3-paragraph summary of the transcript, and then generate a promotional cover image based on the core theme of the summary.";

export const COSTS_SINCE_OCTOBER_PROMPT =
  'Fetch the API cost breakdown for the organization starting from October 1st. Identify which line item or project has incurred the highest spend so far.';

interface CostResult {
  amount?: { value?: number; currency?: string };
  line_item?: string | null;
  project_id?: string | null;
}

/** Sums a costs answer (Truto's list envelope around OpenAI's buckets) by a grouping field. */
export function sumCosts(answer: unknown, by: 'project_id' | 'line_item'): { total: number; top?: [string, number] } {
  const buckets = listOf(answer);
  const totals = new Map<string, number>();
  let total = 0;
  for (const bucket of buckets) {
    for (const result of (bucket as { results?: CostResult[] }).results ?? []) {
      const value = Number(result.amount?.value ?? 0);
      total += value;
      const key = result[by] ?? '(ungrouped)';
      totals.set(key, (totals.get(key) ?? 0) + value);
    }
  }
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1])[0];
  return top ? { total, top } : { total };
}

export const spendAuditScript: Script = ({ results }) => {
  const costs = results.get('list_all_open_ai_costs');
  if (costs === undefined) {
    return callTool('list_all_open_ai_costs', {
      start_time: 'the past week',
      group_by: ['project_id', 'line_item'],
      limit: 7,
    });
  }
  const { total, top } = sumCosts(costs, 'project_id');
  if (total <= 500) {
    return answer(
      `Spend for the past week is $${total.toFixed(2)}, under the $500 threshold. No capacity check needed.`,
    );
  }
  const projects = results.get('list_all_open_ai_projects');
  if (projects === undefined) return callTool('list_all_open_ai_projects', { limit: 20 });
  const production = listOf(projects).find((project) =>
    /prod/i.test(String((project as { name?: string }).name ?? '')),
  ) as { id: string; name: string } | undefined;
  const projectId = production?.id ?? top?.[0];
  const limits = results.get('list_all_open_ai_project_rate_limits');
  if (limits === undefined) return callTool('list_all_open_ai_project_rate_limits', { project_id: projectId });
  const rows = listOf(limits) as Array<{
    model?: string;
    max_tokens_per_1_minute?: number;
    max_requests_per_1_minute?: number;
  }>;
  const gpt4o = rows.find((row) => row.model === 'gpt-4o');
  return answer(
    [
      `Spend for the past week: $${total.toFixed(2)}, above the $500 threshold.`,
      top ? `Highest-spending project: ${top[0]} ($${top[1].toFixed(2)}).` : '',
      `Primary production project: ${production ? `${production.name} (${production.id})` : projectId}.`,
      gpt4o
        ? `gpt-4o there allows ${gpt4o.max_tokens_per_1_minute?.toLocaleString('en-US')} tokens and ${gpt4o.max_requests_per_1_minute?.toLocaleString('en-US')} requests per minute across ${rows.length} model limits.`
        : `${rows.length} model rate limits are configured.`,
    ]
      .filter(Boolean)
      .join(' '),
  );
};

export const costsSinceOctoberScript: Script = ({ results }) => {
  const costs = results.get('list_all_open_ai_costs');
  if (costs === undefined) {
    return callTool('list_all_open_ai_costs', {
      start_time: 'October 1st',
      group_by: ['line_item', 'project_id'],
      limit: 60,
    });
  }
  const byLineItem = sumCosts(costs, 'line_item');
  const byProject = sumCosts(costs, 'project_id');
  return answer(
    `Since October 1st the organization spent $${byLineItem.total.toFixed(2)}. Top line item: ${byLineItem.top?.[0]} ($${byLineItem.top?.[1].toFixed(2)}); top project: ${byProject.top?.[0]} ($${byProject.top?.[1].toFixed(2)}).`,
  );
};

export const podcastScript: Script = ({ results }) => {
  const transcript = results.get('create_a_open_ai_transcription') as { text?: string } | string | undefined;
  if (transcript === undefined) {
    return callTool('create_a_open_ai_transcription', { file: 'all-hands.wav', model: 'whisper-1' });
  }
  const text = typeof transcript === 'string' ? transcript : (transcript.text ?? '');
  const summary = summarise(text);
  const image = results.get('create_a_open_ai_image_generation') as { data?: Array<{ url?: string }> } | undefined;
  if (image === undefined) {
    const theme = summary[0]?.split(/[.!?]/)[0] ?? 'a podcast conversation';
    return callTool('create_a_open_ai_image_generation', {
      prompt: `A promotional podcast cover illustrating: ${theme}. Bold, modern, no text.`,
      model: 'dall-e-3',
      size: '1024x1024',
      response_format: 'url',
    });
  }
  const url = image.data?.[0]?.url ?? '(no URL returned)';
  return answer(`${summary.join('\n\n')}\n\nCover image: ${url}`);
};

/** Three paragraphs from the transcript's sentences: what a model would write, minus the eloquence. */
function summarise(text: string): string[] {
  const sentences = text.match(/[^.!?]+[.!?]+/g)?.map((sentence) => sentence.trim()) ?? [text];
  const third = Math.max(1, Math.ceil(sentences.length / 3));
  return [0, 1, 2]
    .map((index) => sentences.slice(index * third, (index + 1) * third).join(' '))
    .filter((paragraph) => paragraph.length > 0);
}

function listOf(answer: unknown): unknown[] {
  if (Array.isArray(answer)) return answer;
  const envelope = answer as { result?: unknown; data?: unknown } | undefined;
  if (Array.isArray(envelope?.result)) return envelope.result;
  if (Array.isArray(envelope?.data)) return envelope.data;
  return [];
}

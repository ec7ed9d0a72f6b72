/**
 * What the sandbox "hears". A transcription is derived from the uploaded bytes: a WAV that carries its script in
 * a LIST/INFO `ICMT` tag is transcribed as that script (the demo's all-hands recording does); any other audio gets
 * passages from this pool, chosen by the bytes' SHA-256 and cut to the audio's length at about 2.6 words a second.
 */

export const TRANSCRIPT_POOL: readonly string[] = [
  "Good morning everyone, and thanks for joining this week's all-hands. Revenue closed the quarter at one hundred and twelve percent of plan, led by the enterprise team. We shipped the new usage dashboard on Tuesday, and early feedback from customers has been very positive. Our biggest risk right now is API spend, which grew faster than traffic last month. Engineering will review caching and model choices before the next release. Please welcome Priya, who joins the platform team from Toronto. Questions go in the usual channel, and see you next week.",
  "Welcome back to the show. Today I'm talking with Marcus Lee, who runs developer relations at a fintech startup. Marcus, how did your team start using AI agents? We began with a simple support assistant, and within three months it was handling forty percent of tickets. The hard part was never the model, it was connecting it safely to our internal systems. We learned to give agents narrow tools with strict schemas. Rate limits surprised us the most, so now every agent loop backs off on its own. My advice is to start small, measure everything, and keep a human in the loop for refunds.",
  "Thanks for calling Northwind support, my name is Dana. I understand your invoice shows a higher charge than expected this month. Let me pull up the usage for your account. It looks like image generation doubled after the marketing campaign launched on the fourteenth. I can set a monthly budget alert at five hundred dollars so this does not surprise you again. Is there anything else I can help you with today? Great, I've emailed you a summary of this call.",
  "Quick stand-up, let's keep it to ten minutes. Yesterday I finished the transcription pipeline and it now handles files up to twenty-five megabytes. Today I'm pairing with Sam on the retry logic for rate-limited calls. One blocker: the staging project still has the old token limits, so load tests hit the ceiling after two minutes. Ops, can you raise the gpt-4o limit on staging before noon? Thanks, that's everything from me.",
  "This quarter's board update covers three areas: growth, margins and hiring. Active customers grew eighteen percent, with most new logos coming from the partner channel. Gross margin dipped two points because model costs rose before our caching work landed. We expect margins to recover next quarter as cached input tokens now make up almost half of our traffic. Hiring is on track, with six of eight planned roles filled. The appendix has the detailed cost breakdown by project.",
  'In this customer interview we spoke with the operations lead at a logistics company. She told us their dispatchers spend an hour a day copying data between systems. An assistant that could read shipment updates and draft customer emails would save them the most time. She was cautious about letting software send anything without review. Accuracy on addresses and delivery windows mattered more to her than speed. We agreed to follow up with a prototype in two weeks.',
];

/** Words a second of ordinary speech. */
export const WORDS_PER_SECOND = 2.6;

/** Passages for audio of `durationSeconds`, starting at the passage the digest picks. */
export function transcriptFor(sha256Hex: string, durationSeconds: number): string {
  const first = Number.parseInt(sha256Hex.slice(0, 8), 16) % TRANSCRIPT_POOL.length;
  const budget = Math.max(8, Math.round(durationSeconds * WORDS_PER_SECOND));
  const sentences: string[] = [];
  let words = 0;
  for (let passage = 0; passage < TRANSCRIPT_POOL.length && words < budget; passage++) {
    for (const sentence of splitSentences(TRANSCRIPT_POOL[(first + passage) % TRANSCRIPT_POOL.length]!)) {
      const count = sentence.split(' ').length;
      if (sentences.length > 0 && words + count > budget) return sentences.join(' ');
      sentences.push(sentence);
      words += count;
    }
  }
  return sentences.join(' ');
}

export function splitSentences(text: string): string[] {
  return (text.match(/[^.!?]+[.!?]+["')\]]*|[^.!?]+$/g) ?? [text]).map((sentence) => sentence.trim()).filter(Boolean);
}

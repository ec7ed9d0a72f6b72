/**
 * Daily costs per project, API key and line item. Each project spends on a few line items; amounts move with the
 * weekday and a per-day jitter hashed from (day, project, line item), so any range comes out the same every time.
 * The organisation spends about $100 on a weekday, $600 to $700 a week, mostly on `proj_12345`'s GPT-4o output.
 */
import { elapsedFraction, weekdayFactor } from './buckets';
import { hashNumbers, hashText, roundTo, unitInterval } from './hash';
import { PROJECTS } from './organization';

interface LineItem {
  /** Price of one unit in USD; undefined when the line item mixes units (then quantity is null). */
  unitPrice?: number;
  unit?: 'tokens' | 'images';
}

export const LINE_ITEMS: Readonly<Record<string, LineItem>> = {
  'GPT-4o, input': { unitPrice: 2.5e-6, unit: 'tokens' },
  'GPT-4o, cached input': { unitPrice: 1.25e-6, unit: 'tokens' },
  'GPT-4o, output': { unitPrice: 10e-6, unit: 'tokens' },
  'GPT-4o mini, input': { unitPrice: 0.15e-6, unit: 'tokens' },
  'GPT-4o mini, output': { unitPrice: 0.6e-6, unit: 'tokens' },
  'o3-mini, input': { unitPrice: 1.1e-6, unit: 'tokens' },
  'o3-mini, output': { unitPrice: 4.4e-6, unit: 'tokens' },
  'Embedding models': { unitPrice: 0.02e-6, unit: 'tokens' },
  'Image models': { unitPrice: 0.04, unit: 'images' },
  // Speech is billed by characters and transcription by minutes: no single unit applies.
  'Audio models': {},
};

/** Typical weekday spend in USD per project and line item. */
const DAILY_SPEND: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  proj_12345: {
    'GPT-4o, input': 14.2,
    'GPT-4o, cached input': 3.1,
    'GPT-4o, output': 22.4,
    'GPT-4o mini, input': 1.1,
    'GPT-4o mini, output': 2.3,
    'o3-mini, input': 2.6,
    'o3-mini, output': 6.9,
  },
  proj_abc123Xy7kLmN4pQr9sTu2: {
    'GPT-4o mini, input': 3.4,
    'GPT-4o mini, output': 6.1,
    'GPT-4o, input': 2.2,
    'GPT-4o, cached input': 0.6,
    'GPT-4o, output': 4.5,
  },
  proj_Vd5sJ2kN8qT4xR1mW7zC3hF9: {
    'GPT-4o, input': 3.5,
    'GPT-4o, output': 2.8,
    'Embedding models': 0.9,
    'o3-mini, input': 1.0,
    'o3-mini, output': 2.2,
  },
  proj_Mk8tR3wQ6yB1nV4cX7zL2pD5: { 'Image models': 9.6, 'GPT-4o, input': 0.8, 'GPT-4o, output': 1.5 },
  proj_Lq9wE3rT6yU1iO4pA7sD2fG5: { 'Audio models': 6.4, 'GPT-4o mini, input': 0.4, 'GPT-4o mini, output': 0.9 },
  proj_Zx4cV7bN1mQ8wE5rT2yU9iO3: { 'GPT-4o, input': 1.2, 'GPT-4o, output': 2.0, 'Image models': 1.6 },
};

/** The smallest unit of cost: one line item of one API key of one project on one day. */
export interface CostAtom {
  projectId: string;
  apiKeyId: string;
  lineItem: string;
  amount: number;
  quantity: number | null;
  unit: string | null;
}

export function costAtomsForDay(dayStart: number, nowSeconds: number): CostAtom[] {
  const elapsed = elapsedFraction(dayStart, 86_400, nowSeconds);
  if (elapsed === 0) return [];
  const atoms: CostAtom[] = [];
  const dayFactor = weekdayFactor(dayStart) * elapsed;
  for (const project of PROJECTS) {
    // A project spends from the day after it was created until the day it was archived.
    if (dayStart < project.createdAt || (project.archivedAt !== null && dayStart >= project.archivedAt)) continue;
    const spend = DAILY_SPEND[project.id] ?? {};
    for (const [lineItem, daily] of Object.entries(spend)) {
      const jitter = 0.8 + 0.4 * unitInterval(hashNumbers(dayStart, hashText(project.id), hashText(lineItem)));
      for (const key of project.apiKeys) {
        const raw = daily * dayFactor * jitter * key.share;
        const price = LINE_ITEMS[lineItem]?.unitPrice;
        if (price === undefined) {
          atoms.push({
            projectId: project.id,
            apiKeyId: key.id,
            lineItem,
            amount: roundTo(raw, 6),
            quantity: null,
            unit: null,
          });
          continue;
        }
        const quantity = Math.round(raw / price);
        if (quantity === 0) continue;
        atoms.push({
          projectId: project.id,
          apiKeyId: key.id,
          lineItem,
          amount: roundTo(quantity * price, 6),
          quantity,
          unit: LINE_ITEMS[lineItem]?.unit ?? null,
        });
      }
    }
  }
  return atoms;
}

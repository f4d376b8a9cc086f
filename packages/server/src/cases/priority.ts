import type { Flag, Level } from '@calmdesk/analysis';
import type { CaseStatus } from '../db/schema.ts';

const LEVEL_WEIGHT: Record<Level, number> = { calm: 10, upset: 20, angry: 30, hostile: 40 };

// Seed 002: a customer about to go public or to a lawyer needs an answer before the others.
const FLAG_WEIGHT: Partial<Record<Flag, number>> = {
  threat_violence: 10,
  threat_public: 8,
  threat_legal: 8,
  churn_threat: 5,
  repeat_contact: 5,
  urgency: 3,
  refund_demand: 2,
};

const DONE: CaseStatus[] = ['resolved', 'closed'];

/** The inbox order: higher first. Tuned here, in one place. */
export function computePriority(input: {
  level: Level | null;
  flags: readonly string[];
  problems: number;
  status: CaseStatus;
}): number {
  if (DONE.includes(input.status)) return 0;
  const flagWeight = input.flags.reduce((sum, flag) => sum + (FLAG_WEIGHT[flag as Flag] ?? 0), 0);
  return LEVEL_WEIGHT[input.level ?? 'calm'] + flagWeight + 2 * Math.min(input.problems, 5);
}

const LEVEL_ORDER: Level[] = ['calm', 'upset', 'angry', 'hostile'];

export function higherLevel(a: Level | null, b: Level): Level {
  if (a === null) return b;
  return LEVEL_ORDER.indexOf(a) >= LEVEL_ORDER.indexOf(b) ? a : b;
}

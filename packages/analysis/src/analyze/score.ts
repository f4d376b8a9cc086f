import type { SignalKind } from '../lang/types.ts';
import type { Flag, Level } from '../vocabulary.ts';

/**
 * The one place where evidence becomes anger (0..1) and a level. Tune here, nowhere else.
 *
 * anger = 1 − Π(1 − weight) over every flag present and every signal occurrence, so evidence
 * adds up but never passes 1; thanks pull it down. The level follows PRODUCT.md:
 * hostile = abuse aimed at people; angry = strong emotion; upset = clearly dissatisfied, civil.
 */
export const FLAG_WEIGHTS: Record<Flag, number> = {
  profanity: 0.45,
  insult: 0.7,
  threat_violence: 0.9,
  threat_legal: 0.45,
  threat_public: 0.4,
  churn_threat: 0.4,
  refund_demand: 0.2,
  compensation_demand: 0.15,
  urgency: 0.2,
  repeat_contact: 0.25,
  shouting: 0.35,
  gratitude: 0,
};
export const SIGNAL_WEIGHTS: Record<SignalKind, number> = {
  negative: 0.15,
  strong_negative: 0.35,
  positive: 0,
};
export const PROBLEM_WEIGHT = 0.12;
export const GRATITUDE_RELIEF = 0.6;
export const POSITIVE_RELIEF = 0.85;

const HOSTILE_FLAGS: readonly Flag[] = ['insult', 'threat_violence'];
const ANGRY_FLAGS: readonly Flag[] = [
  'profanity',
  'shouting',
  'threat_legal',
  'threat_public',
  'churn_threat',
];
const UPSET_FLAGS: readonly Flag[] = ['refund_demand', 'compensation_demand', 'urgency', 'repeat_contact'];
const NEGATIVE_SIGNALS = ['negative', 'strong_negative'] as const;
export const ANGRY_AT = 0.6;
export const UPSET_AT = 0.12;

export interface ScoreInput {
  flags: ReadonlySet<Flag>;
  /** Profanity hurled at a person ("pierdol się"), which makes the message hostile. */
  aimedAbuse: boolean;
  signals: Readonly<Record<SignalKind, number>>;
  problems: number;
}

export function scoreAnger(input: ScoreInput): number {
  // No flag, problem or negative signal (most messages): nothing adds anger, and thanks cannot take any away.
  const { negative, strong_negative: strongNegative } = input.signals;
  if (input.flags.size === 0 && input.problems === 0 && negative === 0 && strongNegative === 0) return 0;
  let calm = 1;
  for (const flag of input.flags) calm *= 1 - FLAG_WEIGHTS[flag];
  for (const kind of NEGATIVE_SIGNALS) {
    calm *= (1 - SIGNAL_WEIGHTS[kind]) ** input.signals[kind];
  }
  calm *= (1 - PROBLEM_WEIGHT) ** Math.min(input.problems, 3);
  let anger = 1 - calm;
  if (input.flags.has('gratitude')) anger *= GRATITUDE_RELIEF;
  anger *= POSITIVE_RELIEF ** Math.min(input.signals.positive, 3);
  return Math.round(anger * 1000) / 1000;
}

export function levelOf(input: ScoreInput, anger: number): Level {
  if (input.aimedAbuse || HOSTILE_FLAGS.some((f) => input.flags.has(f))) return 'hostile';
  // "Great treatment, but the parking is a nightmare :)" is not anger: praise outweighs a strong word.
  const strongNegative = input.signals.strong_negative > input.signals.positive;
  if (ANGRY_FLAGS.some((f) => input.flags.has(f)) || strongNegative || anger >= ANGRY_AT) {
    return 'angry';
  }
  if (
    anger >= UPSET_AT ||
    input.problems > 0 ||
    input.signals.negative > 0 ||
    UPSET_FLAGS.some((f) => input.flags.has(f))
  ) {
    return 'upset';
  }
  return 'calm';
}

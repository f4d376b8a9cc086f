/**
 * The engine's fixed vocabulary (PRODUCT.md, "Vocabulary"). The API, the CLI and the tests use
 * exactly these names; everything else in the engine derives its types from these lists. The names
 * of the helpdesk around the engine (client types, boundary levels, faults) are in `@calmdesk/contracts`.
 */

export const LANGS = ['pl', 'et', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type DetectedLang = Lang | 'und';

export const FLAGS = [
  'profanity',
  'insult',
  'threat_violence',
  'threat_legal',
  'threat_public',
  'churn_threat',
  'refund_demand',
  'compensation_demand',
  'urgency',
  'repeat_contact',
  'shouting',
  'gratitude',
] as const;
export type Flag = (typeof FLAGS)[number];

export const LEVELS = ['calm', 'upset', 'angry', 'hostile'] as const;
export type Level = (typeof LEVELS)[number];

export const PROBLEM_CATEGORIES = [
  'delivery',
  'quality',
  'billing',
  'staff',
  'waiting',
  'booking',
  'technical',
  'communication',
] as const;
/** delivery; damage/quality; billing/price; staff behaviour; waiting/lateness; booking; app/technical; no answer/communication. */
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

export const COACH_RULES = [
  'arguing',
  'blaming',
  'excuse',
  'shouting',
  'condescension',
  'hostility',
  'impossible_promise',
  'informal_address',
] as const;
export type CoachRule = (typeof COACH_RULES)[number];

export const ELEMENTS = ['empathy', 'apology', 'next_step', 'deadline', 'owner'] as const;
export type Element = (typeof ELEMENTS)[number];

/**
 * Whose fault the customer's problem is, as the helpdesk records it (`@calmdesk/contracts` lists the
 * values). The engine reads only whether it is `ours` or not yet known (`unknown` or absent).
 */
export type FaultHint = 'ours' | 'unknown' | (string & {});

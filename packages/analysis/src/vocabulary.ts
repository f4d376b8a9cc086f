/**
 * CalmDesk's fixed vocabulary (PRODUCT.md, "Vocabulary"). The API, the CLI and the tests use
 * exactly these names; everything else in the engine derives its types from these lists.
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

export const CLIENT_TYPES = [
  'impatient',
  'non_payer',
  'nitpicker',
  'abusive',
  'disengaged',
  'serial_canceller',
  'refund_seeker',
  'valued',
] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

export const BOUNDARY_LEVELS = [
  'note',
  'warning',
  'deposit_required',
  'prepayment_required',
  'booking_blocked',
  'ended',
] as const;
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];

export const FAULTS = ['unknown', 'ours', 'customer', 'third_party'] as const;
export type Fault = (typeof FAULTS)[number];

import type { PhraseKind } from '../coach/coach-pack.ts';

export const STEP_ACTIONS = [
  'set_boundary',
  'escalate',
  'keep_commitment',
  'let_vent',
  'acknowledge',
  'apologise',
  'list_problems_back',
  'review_history',
  'ask_specifics',
  'verify',
  'propose_solution',
  'commit',
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** The seed each action comes from, and the phrase-bank kinds that carry it out. */
export const STEP_SOURCES: Record<StepAction, { source: string; phrases: PhraseKind[] }> = {
  set_boundary: { source: '003, 004', phrases: ['boundary'] },
  escalate: { source: '002, 003', phrases: [] },
  keep_commitment: { source: '002', phrases: ['apology', 'commitment'] },
  let_vent: { source: '001, 002', phrases: ['vent'] },
  acknowledge: { source: '002, 003', phrases: ['empathy'] },
  apologise: { source: '001, 002', phrases: ['apology'] },
  list_problems_back: { source: '002', phrases: ['list_problems'] },
  review_history: { source: '000', phrases: [] },
  ask_specifics: { source: '000, 004', phrases: ['clarify'] },
  verify: { source: '000', phrases: ['clarify'] },
  propose_solution: { source: '001', phrases: ['clarify'] },
  commit: { source: '002', phrases: ['commitment', 'closing'] },
};

/** Step titles and reasons in one language. */
export type StepTexts = Record<StepAction, { title: string; why: string }>;

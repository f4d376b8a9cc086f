import { COACH_RULES, type CoachRule, ELEMENTS, type Element } from '../vocabulary.ts';

/** What the draft model scores: the coach's findings, then the checklist's elements. */
export const DRAFT_LABELS: readonly DraftLabel[] = [...COACH_RULES, ...ELEMENTS];
export type DraftLabel = CoachRule | Element;

const ELEMENT_SET: ReadonlySet<string> = new Set(ELEMENTS);

/**
 * Is the label one of the checklist's elements (else it is a finding)?
 * @example isElement('next_step') // true
 */
export function isElement(label: DraftLabel): label is Element {
  return ELEMENT_SET.has(label);
}

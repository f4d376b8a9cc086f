import type { CoachRule, Element } from '../vocabulary.ts';

export type PhraseKind =
  | 'empathy'
  | 'apology'
  | 'clarify'
  | 'list_problems'
  | 'boundary'
  | 'commitment'
  | 'closing'
  | 'vent';

export interface Phrase {
  kind: PhraseKind;
  /** Formal address (Pan/Pani, teie): what an agent sends a customer. */
  text: string;
}

/** Rules the coach draws from the case rather than from the draft alone. */
export type AdviceRule = 'set_boundary' | 'liability' | 'compensation_policy' | 'unaddressed_problems';

export interface Explained {
  why: string;
  suggestion: string;
}

/**
 * One language's reply-coach data. Terms use the LANGPACK term syntax. Hostility and shouting come
 * from the analysis engine (the same lexicon that reads customers), so they need no terms here.
 */
export interface CoachPack {
  findings: Record<Exclude<CoachRule, 'hostility' | 'shouting'>, string[]>;
  elements: Record<Exclude<Element, 'deadline'>, string[]>;
  /** A calm boundary about abusive language. */
  boundary: string[];
  /** Admitting the business is at fault. */
  liability: string[];
  /** Offering money back. */
  cashRefund: string[];
  /** Per rule: why it hurts (with the seed) and a concrete better wording. */
  explain: Record<CoachRule, Explained>;
  advice: Record<AdviceRule, Explained>;
  /** Informal word → its formal equivalent, the concrete rewrite for `informal_address`. */
  formal: Record<string, string>;
  /** Words written with a capital wherever they stand (English weekdays, "I"): a calmed shout keeps it. */
  capitalised: string[];
  /** A phrase to add when an element is missing. */
  missing: Record<Element, string>;
  phrases: Phrase[];
}

import type { CoachRule, Element } from '../vocabulary.ts';
import type { SignatureWords } from './signature.ts';

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

/** What a frame's match is: a finding, a good element, or a non-apology ("sorry you feel that way"). */
export type FrameMakes =
  | Exclude<CoachRule, 'shouting'>
  | Exclude<Element, 'deadline' | 'owner'>
  | 'non_apology';

/**
 * Two parts, `first` then `next`, in order in one sentence, at most `within` words apart: a structure, not a phrase.
 * An excuse is a cause ("due to", "przez", "tõttu") next to a circumstance (staff, season, supplier);
 * arguing for staff is a member of staff next to a credential. A non-apology cancels the apology and
 * empathy it holds ("przykro mi, że Pan tak to odbiera" is neither).
 */
export interface CoachFrame {
  makes: FrameMakes;
  first: string[];
  next: string[];
  /** Words allowed between the parts (default 3). */
  within?: number;
  /**
   * A third part after `next`, at most `within` words on, when two parts are not yet the structure:
   * "we will not" × "any further" × "discuss" closes the topic, "we will not discuss your data" does not.
   */
  last?: string[];
  /** A realistic draft this frame must find (a contract test checks it). */
  example: string;
}

/**
 * Word endings that mark an informal "you" on any verb (Polish `-sz`, `-łeś`, `-łaś`): morphology,
 * so a verb no list names is found too. Folded endings; `except` lists look-alikes (`nasz`, `kosz`).
 */
export interface InformalEndings {
  endings: string[];
  except: string[];
  /** Shortest word (folded) an ending counts on. */
  minLength: number;
  example: string;
}

/**
 * Verb endings that mark the agent's own action, planned or done (Polish `-imy`, `-łam`, Estonian
 * `-me`, `-sin`): a next step by morphology, so a verb no list names counts too. `except` lists
 * look-alike nouns and verbs of stance rather than action (apologise, thank, understand, promise).
 * Folded endings and words.
 */
export interface ActionEndings {
  endings: string[];
  /** Longer endings that are no action form (Estonian past `-sime` inside `-ime`). */
  exceptEndings?: string[];
  except: string[];
  /** Words after which the verb is no step: a negation ("nie zwrócimy") or a condition ("gdy wrócimy"). */
  notAfter: string[];
  /** Shortest word (folded) an ending counts on. */
  minLength: number;
  example: string;
}

/** Rules the coach draws from the case rather than from the draft alone. */
export type AdviceRule = 'set_boundary' | 'liability' | 'compensation_policy' | 'unaddressed_problems';

export interface Explained {
  why: string;
  suggestion: string;
}

/**
 * One language's reply-coach data. Terms use the LANGPACK term syntax. Abuse and shouting come
 * from the analysis engine (the same lexicon that reads customers), so they need no terms here.
 */
export interface CoachPack {
  /** Hostility here is the draft's own kind (sarcasm, mock praise, an ultimatum that closes the topic); abuse comes from the engine. */
  findings: Record<Exclude<CoachRule, 'shouting'>, string[]>;
  frames: CoachFrame[];
  informalEndings?: InformalEndings;
  actionEndings?: ActionEndings;
  elements: Record<Exclude<Element, 'deadline'>, string[]>;
  /** A person's name signing the draft is the `owner` element. */
  signature: SignatureWords;
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

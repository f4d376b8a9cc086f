/** The agent's grammatical form when speaking of themselves: "czułbym" or "czułabym". */
export const SPEAKER_FORMS = ['feminine', 'masculine', 'neutral'] as const;
export type SpeakerForm = (typeof SPEAKER_FORMS)[number];

/** How the customer likes to be addressed: Mr (Pan), Ms (Pani) or by first name. */
export const SALUTATIONS = ['mr', 'ms', 'first_name'] as const;
export type Salutation = (typeof SALUTATIONS)[number];

/** The forms a text is written for; a form left out is unknown and its slash form stays. */
export interface PersonForms {
  speaker?: SpeakerForm | null;
  addressee?: Salutation | null;
}

/**
 * One written alternative of a language ("Pan/Pani", "czułbym/czułabym", "musiał(a)"): a pattern (a
 * regular expression source, matched as whole words, case-sensitive) and what it becomes for each form
 * (`$1`… name the pattern's groups). `neutral` is a wording that names no gender, where the language
 * has one; without it a neutral speaker keeps the slash form.
 */
export interface GenderedForm {
  /** Whose gender decides: the agent (`speaker`) or the customer (`addressee`). */
  who: 'speaker' | 'addressee';
  pattern: string;
  masculine: string;
  feminine: string;
  neutral?: string;
  /** A text with the form and what it becomes for a masculine and a feminine person (a test checks it). */
  example: { text: string; masculine: string; feminine: string };
}

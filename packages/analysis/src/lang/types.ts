import type { TermSnapshot } from '../text/term-snapshot.ts';
import type { Flag, Lang, ProblemCategory } from '../vocabulary.ts';

/** Terms that raise a message flag. See LANGPACK.md for the term syntax. */
export interface LexiconEntry {
  flag: Flag | Flag[];
  terms: string[];
  /** A realistic sentence that must fire this entry (a contract test checks it). */
  example: string;
  /** Realistic sentences with its words that must not fire it: the negated, the calm, the look-alike use. */
  counterExamples?: string[];
  /**
   * Folded tokens this entry must never match (look-alikes of a stem, a form of a lemma that means something
   * else), or phrases its match must not sit inside ("pedał hamulca", "garden hoe").
   */
  except?: string[];
  /** A negator up to three tokens before cancels it ("nie chcę zwrotu"). */
  negatable?: boolean;
  /** Abuse aimed at a person: makes the message hostile. */
  aimed?: boolean;
  /** Also applied to messages in other languages (English swearing in a Polish e-mail). */
  universal?: boolean;
  /** Counts only in a message that is otherwise unhappy ("again" in a complaint, not in "see you again"). */
  onlyWhenUnhappy?: boolean;
  /**
   * Counts only as a clause of its own: a verdict ("Rezygnuję.", "Never again!") is churn, the same
   * verb with an object ("Rezygnuję z wizyty w środę") is a calm cancellation.
   */
  alone?: boolean;
}

/**
 * Two parts in one sentence, at most `within` words apart, that raise a flag together: a structure
 * no phrase list enumerates. A visit (`first`) with company (`next`) is a threat; a publishing verb
 * next to a public place is a public threat, whatever the tense or the site.
 */
export interface LexiconFrame {
  flag: Flag;
  first: string[];
  next: string[];
  /** Words allowed between the parts (default 3). */
  within?: number;
  /** The parts may come in either order ("na Google wystawiłam" and "wystawiłam na Google"). */
  eitherOrder?: boolean;
  /** A negator before the first part cancels it. */
  negatable?: boolean;
  /** Counts only in a message that is otherwise unhappy ("the 2nd time I order" is no complaint). */
  onlyWhenUnhappy?: boolean;
  example: string;
  /** Realistic sentences with both parts that must not fire it (a contract test checks them). */
  counterExamples?: string[];
}

export type SignalKind = 'negative' | 'strong_negative' | 'positive';

/** Emotion words that raise no flag but move the anger score. */
export interface SignalEntry {
  kind: SignalKind;
  terms: string[];
  example: string;
  except?: string[];
  negatable?: boolean;
}

export interface ProblemEntry {
  category: ProblemCategory;
  terms: string[];
  example: string;
  /** Names only what the message is about ("invoice", "parcel"): counts when the message is unhappy. */
  topic?: boolean;
  except?: string[];
  negatable?: boolean;
}

export interface Cues {
  /** A negator up to three tokens before a negatable match cancels it. */
  negators: string[];
  /** Refusals that cancel a demand after them: "nie chcę zwrotu", "I don't want a refund". */
  declines: string[];
  /** Terms right before an insult that make it self-reference: "mnie jak", "me like". */
  selfReference: string[];
  /** Terms right before an insult that deny it of anyone: "nikt tu nie jest", "nobody here is", "keegi ei ole". */
  denials: string[];
  /** Words that join two complaints in one sentence ("and", "i", "ja"): a topic after one is a problem of its own. */
  clauseJoins: string[];
  /** Words that say something is wrong with whatever they follow ("wrong", "błędna", "vale", "never came"): a topic joined to another complaint needs one to be a problem of its own. */
  faults: string[];
  /** Terms that turn thanks into complaint: "dzięki za nic". */
  sarcasm: string[];
  /** Thanks for something: a demand right after them was met, not made ("dziękuję za szybką odpowiedź"). */
  thanksFor: string[];
  /** Words that open a condition: a negation right after one still makes a demand ("jeśli nie oddacie kaucji", "if you don't refund me"). */
  conditions: string[];
  /** RegExp sources (flag `u`, case-insensitive): a line that starts quoted earlier mail. */
  quoteHeaders: string[];
  /** RegExp sources: a line that starts a forwarded message; the customer's words are below it, a colleague's note above. */
  forwardHeaders: string[];
  /** Header field names of a forwarded or quoted mail ("From", "Od", "Saatja"): skipped below a forward line. */
  headerFields: string[];
  /** RegExp sources: a line from which the rest is a signature. */
  signatureStarts: string[];
  /** Frequent short words: evidence for language detection. */
  stopwords: string[];
  /** Upper-case words that are not shouting. */
  acronyms: string[];
}

/**
 * How a complaint shows by its form, for counting complaints as people do (analyze/complaints.ts):
 * a clause with a failure in it is a complaint even when it names no topic, and an addition opens
 * another one. Repeats ("again"), demands, urgency and threats are no failures: they add no complaint.
 */
export interface ComplaintCues {
  /**
   * A failed expectation or a negative evaluation of a thing, a person or a service ("was supposed
   * to", "instead of", "too short", "didn't turn up"), on top of `Cues.faults`.
   */
  failures: string[];
  /**
   * RegExp sources (flags `giu`) for failures a word list cannot hold, such as a negated past tense
   * ("nie przeprosił", "ei selgitanud", "didn't explain"): a report that something was not done.
   */
  failurePatterns: string[];
  /** Words that add one more complaint to those before ("also", "additionally", "poza tym", "lisaks"). */
  additions: string[];
  /** Messages of two complaints each, as a customer writes them (a contract test counts them). */
  examples: string[];
}

export interface LanguagePack {
  code: Lang;
  /**
   * Letters no other analysed language writes (Polish ą, Estonian õ), as the inside of a character
   * class, both cases: a text with one is in this language unless its words clearly say otherwise.
   */
  ownLetters?: string;
  /** The forms of a complaint; without them only the problem lexicon counts complaints. */
  complaints?: ComplaintCues;
  lexicon: LexiconEntry[];
  /** Flags raised by two parts together (LexiconFrame). */
  frames?: LexiconFrame[];
  signals: SignalEntry[];
  problems: ProblemEntry[];
  cues: Cues;
  /** All forms of a lemma, for `lemma~` terms. */
  inflect(lemma: string): readonly string[];
  /** The pack's terms parsed, inflected and keyed at build time (`terms.generated.ts`): a faster first compile. */
  snapshot?: TermSnapshot | undefined;
}

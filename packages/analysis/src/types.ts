import type { PersonForms } from './forms/forms-pack.ts';
import type {
  CoachRule,
  DetectedLang,
  Element,
  FaultHint,
  Flag,
  Lang,
  Level,
  ProblemCategory,
} from './vocabulary.ts';

/** A piece of evidence: which flag fired, where in the ORIGINAL text, and the rule that fired. */
export interface Evidence {
  flag: Flag;
  start: number;
  end: number;
  text: string;
  rule: string;
}

/** An emotion word that moved the anger score without raising a flag. */
export interface SignalEvidence {
  kind: 'negative' | 'strong_negative' | 'positive';
  start: number;
  end: number;
  text: string;
  rule: string;
}

export interface Problem {
  category: ProblemCategory;
  start: number;
  end: number;
}

export interface Analysis {
  lang: DetectedLang;
  level: Level;
  /** 0..1 */
  anger: number;
  flags: Flag[];
  /**
   * Number of distinct complaints raised, counted as people count them (analyze/complaints.ts): may
   * differ from `problems`, which holds one entry per category its words name.
   */
  issues: number;
  problems: Problem[];
  evidence: Evidence[];
  /** Emotion words behind the anger score that raise no flag (explains `anger`). */
  signals: SignalEvidence[];
  truncated: boolean;
}

export interface AnalyzeOptions {
  /** Fix the language and skip detection. */
  lang?: Lang;
  /** Business-specific terms, in the lexicon term syntax (see LANGPACK.md). */
  extraTerms?: Partial<Record<'insult' | 'competitor' | 'legal' | 'profanity', string[]>>;
}

export type Severity = 'block' | 'warn' | 'hint';

/** Words behind a finding the learned model added, and its rule (`learned:<finding>:<probability>`). */
export interface FindingEvidence {
  start: number;
  end: number;
  text: string;
  rule: string;
}

export interface Finding {
  rule: CoachRule;
  severity: Severity;
  start: number;
  end: number;
  text: string;
  why: string;
  suggestion: string;
  /** Only on a finding the learned model added (no rule found it): the words of its strongest features. */
  evidence?: FindingEvidence[];
}

export interface CompensationPolicy {
  /** Kinds the business prefers to offer before cash. */
  prefer?: Array<'repair' | 'replacement' | 'voucher' | 'free_session' | 'discount'>;
  /** Cash refunds above this amount need a supervisor. */
  cashRefundLimit?: number;
  currency?: string;
}

export interface CoachContext {
  /** Analyses of the customer's last message(s), newest last. */
  customer?: Analysis[];
  fault?: FaultHint;
  addressForm?: 'formal' | 'informal';
  /** How many problems the customer raised. */
  problems?: number;
  policy?: CompensationPolicy;
  /** The refund under discussion is a statutory consumer right: never steer it to a voucher. */
  statutoryRefund?: boolean;
  /** The agent's name, so `owner` can be recognised. */
  agentName?: string;
  lang?: Lang;
  /** The agent's own language: why a finding matters is said in it (default: the draft's language). */
  explainIn?: Lang;
  /** The agent's and the customer's grammatical forms: suggestions come written for them. */
  forms?: PersonForms;
}

/** Advice drawn from the case, not the draft alone: set a boundary, don't admit unproven fault, … */
export interface Advice {
  rule: 'set_boundary' | 'liability' | 'compensation_policy' | 'unaddressed_problems';
  severity: Severity;
  why: string;
  /** A phrase to start from, in the customer's language (nothing else: it is inserted as written). */
  suggestion: string;
  /** `unaddressed_problems`: the customer's problems the draft does not answer yet, when known. */
  problems?: ProblemCategory[];
}

export interface Coaching {
  lang: DetectedLang;
  /** 0..100 */
  score: number;
  findings: Finding[];
  has: Element[];
  missing: Element[];
  advice: Advice[];
}

export interface Commitment {
  text: string;
  /** ISO 8601 instant (UTC, `Z`). */
  dueAt: string;
  who: 'us' | 'customer';
  start: number;
  end: number;
}

export interface CommitmentOptions {
  /** An ISO 8601 instant with Z or an offset, or a Date; read to the millisecond. */
  now: string | Date;
  /** IANA time zone, e.g. Europe/Warsaw. */
  timeZone: string;
  lang?: Lang;
  /** Who wrote the text: the business (`us`) or the customer. */
  author: 'us' | 'customer';
}

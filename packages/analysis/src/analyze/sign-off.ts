import type { Range } from '../text/tokenize.ts';
import type { Evidence, SignalEvidence } from '../types.ts';

const LETTER = /\p{L}/u;
const CLAUSE_BREAK = /[.,;:!?()\n]/u;
const WORD = /[\p{L}\p{N}'’&-]+/gu;
/** A closing "thank you very much", "thanks a million": the few words a bare thanks may take. */
const MOST_WORDS_ON_THANKS = 2;
/** "Many thanks, Bev (Marshall & Co)": a name after the closing thanks. */
const MOST_WORDS_OF_NAME = 4;

const wordsIn = (text: string) => text.match(WORD)?.length ?? 0;

/** The thanks opens its clause: nothing but spaces and marks since the last break or the start. */
function opensClause(text: string, thanks: Range): boolean {
  for (let i = thanks.start - 1; i >= 0; i--) {
    const char = text[i] as string;
    if (CLAUSE_BREAK.test(char)) return true;
    if (LETTER.test(char)) return false;
  }
  return true;
}

/** The words after the thanks up to its clause's end, and what follows that clause. */
function clauseAfter(text: string, thanks: Range, end: number): { words: number; rest: string } {
  const after = text.slice(thanks.end, end);
  const breakAt = after.search(CLAUSE_BREAK);
  const clause = breakAt < 0 ? after : after.slice(0, breakAt);
  return { words: wordsIn(clause), rest: breakAt < 0 ? '' : after.slice(breakAt) };
}

/** Thanks that are a clause of their own ("Thanks", "thank you very much", "Dziękuję."), thanking for nothing named. */
function isBareThanks(text: string, thanks: Range, end: number): boolean {
  return opensClause(text, thanks) && clauseAfter(text, thanks, end).words <= MOST_WORDS_ON_THANKS;
}

/** The bare thanks ends the customer's words, perhaps followed by a name ("Thanks, Dan"). */
function closesMessage(text: string, thanks: Range, end: number): boolean {
  const { rest } = clauseAfter(text, thanks, end);
  return wordsIn(rest) <= MOST_WORDS_OF_NAME && !/[.!?]\s*\p{L}[^\n]*[.!?]/u.test(rest);
}

/** A negator right before the thanks, a comma apart at most: "Nie, dziękuję", "Ei, aitäh", "No thanks". */
function isRefusal(text: string, thanks: Range, negators: readonly Range[]): boolean {
  return negators.some(
    (n) => n.end <= thanks.start && /^[\s,]*$/u.test(text.slice(n.end, thanks.start)) && opensClause(text, n),
  );
}

export interface ThanksContext {
  text: string;
  /** Where the customer's own words end (quoted mail and signature left out). */
  ownEnd: number;
  evidence: readonly Evidence[];
  signals: readonly SignalEvidence[];
  negators: readonly Range[];
  /** The message complains, demands or threatens: its closing thanks is a sign-off. */
  unhappy: boolean;
}

/**
 * Thanks that are manners, not gratitude: a bare "Thanks"/"Dziękuję"/"Aitäh" closing a complaint, a demand
 * or a threat (a sign-off), a refusal ("No, thank you"), or a bare thanks beside a notice of leaving
 * ("Dziękuję, rezygnuję"). Thanks stay meant when they thank for something or the message praises.
 */
export function thanksAsManners(context: ThanksContext): Evidence[] {
  const { text, ownEnd, evidence, signals, negators, unhappy } = context;
  const thanks = evidence.filter((e) => e.flag === 'gratitude');
  if (thanks.length === 0) return [];
  const isBare = (e: Evidence) => isBareThanks(text, e, ownEnd);
  const praises = signals.some((s) => s.kind === 'positive') || thanks.some((e) => !isBare(e));
  const leaves = evidence.some((e) => e.flag === 'churn_threat');
  const isManners = (e: Evidence) =>
    isRefusal(text, e, negators) ||
    (!praises &&
      (leaves || (unhappy && LETTER.test(text.slice(0, e.start)) && closesMessage(text, e, ownEnd))));
  return thanks.every(isManners) ? thanks : [];
}

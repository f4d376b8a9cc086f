import type { Range } from '../text/tokenize.ts';
import type { Evidence } from '../types.ts';
import type { Flag } from '../vocabulary.ts';
import type { Scorer } from './score.ts';

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A feature's span widened to the whole words it lies in: a character 4-gram shows as its word. */
function wholeWords(text: string, span: Range): Range {
  let { start, end } = span;
  while (start > 0 && WORD_CHAR.test(text.charAt(start - 1))) start--;
  while (end < text.length && WORD_CHAR.test(text.charAt(end))) end++;
  return { start, end };
}

/** Is any flag of the model switched on (calibrated)? A model with none is never scored. */
export function hasThresholds(scorer: Scorer<string>): boolean {
  return scorer.model.thresholds.some((t) => t !== null);
}

/** What the model adds: a label the rules missed, its probability, and the words of its strongest features. */
export interface LearnedAddition<L extends string> {
  label: L;
  probability: number;
  /** `learned:<label>:<probability>`, the evidence's rule. */
  rule: string;
  /** Whole words around the two strongest positive features, strongest first, without repeats. */
  spans: Range[];
}

/**
 * The labels the model adds to what the rules found: each label at or above its calibrated threshold
 * that `isKnown` does not already account for (found by the rules, or cancelled by them), with the
 * words of its strongest features.
 * @example learnedAdditions(scorer, text, [{ start: 0, end: text.length }], (label) => found.has(label))
 */
export function learnedAdditions<L extends string>(
  scorer: Scorer<L>,
  text: string,
  ranges: readonly Range[],
  isKnown: (label: L) => boolean,
): LearnedAddition<L>[] {
  const { model } = scorer;
  const probabilities = scorer.score(text, ranges);
  const additions: LearnedAddition<L>[] = [];
  for (let f = 0; f < model.flags.length; f++) {
    const label = model.flags[f] as L;
    const threshold = model.thresholds[f];
    if (threshold === null || threshold === undefined || isKnown(label)) continue;
    const p = probabilities[f] as number;
    if (p < threshold) continue;
    const spans: Range[] = [];
    for (const feature of scorer.evidence(f)) {
      const span = wholeWords(text, feature);
      if (!spans.some((s) => s.start === span.start && s.end === span.end)) spans.push(span);
    }
    additions.push({ label, probability: p, rule: `learned:${label}:${p.toFixed(2)}`, spans });
  }
  return additions;
}

/**
 * The learned second opinion, merged into the rules' flags: it only adds a flag the rules missed, at
 * or above that flag's calibrated threshold, with the spans of its strongest features as evidence
 * (`rule: learned:<flag>:<probability>`). It never removes or changes a rule's flag, and never raises
 * one the rules found and then cancelled by reading its clause (`cancelled`: "I don't want a refund",
 * "thanks for nothing", "don't treat me like an idiot", abuse the customer quotes); with a refusal, thanks
 * for something or sarcasm anywhere in the text, the flags those cancel are left to the rules.
 * @example addLearnedFlags(scorer, text, [{ start: 0, end: text.length }], flags, evidence, new Set())
 */
export function addLearnedFlags(
  scorer: Scorer,
  text: string,
  ranges: readonly Range[],
  flags: Set<Flag>,
  evidence: Evidence[],
  cancelled: ReadonlySet<Flag>,
): void {
  const additions = learnedAdditions(scorer, text, ranges, (flag) => flags.has(flag) || cancelled.has(flag));
  for (const { label: flag, rule, spans } of additions) {
    flags.add(flag);
    for (const span of spans)
      evidence.push({ flag, start: span.start, end: span.end, text: text.slice(span.start, span.end), rule });
  }
}

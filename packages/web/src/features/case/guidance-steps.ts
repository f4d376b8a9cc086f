import type { Advice, Coaching, Element, Finding, Step } from '@calmdesk/analysis/core';
import { useMemo } from 'react';

/** A step as the panel shows it: the phrases no earlier step already offered. */
export type ShownStep = Step;

function sameText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The steps with each piece of advice once: a step whose title an earlier step already gave is left
 * out, and a phrase several steps share (empathy serves "let them vent" and "acknowledge") stays with
 * the first, most urgent one.
 */
export function distinctSteps(steps: readonly Step[]): ShownStep[] {
  const titles = new Set<string>();
  const phrases = new Set<string>();
  const shown: ShownStep[] = [];
  for (const step of steps) {
    const title = sameText(step.title);
    if (titles.has(title)) continue;
    titles.add(title);
    const fresh = step.phrases.filter((phrase) => {
      const key = sameText(phrase);
      if (phrases.has(key)) return false;
      phrases.add(key);
      return true;
    });
    shown.push({ ...step, phrases: fresh });
  }
  return shown;
}

type CoachSays = Finding['rule'] | Advice['rule'];

/** What the coach reads in the draft that the guidance cares about: the rules it raises, the elements it finds. */
export interface Coverage {
  said: CoachSays[];
  has: Element[];
}

/** No draft coached: every step stays open, none marked as said by the coach. */
export const NO_COVERAGE: Coverage = { said: [], has: [] };

/**
 * Where the reply coach gives a step's advice too: the elements a draft has when it does what the step
 * asks, and the findings and case advice that say the same thing under the draft.
 */
const SAME_ADVICE: Partial<Record<Step['action'], { done?: Element[]; said?: CoachSays[] }>> = {
  set_boundary: { said: ['set_boundary'] },
  keep_commitment: { done: ['apology', 'deadline'] },
  let_vent: { said: ['arguing'] },
  acknowledge: { done: ['empathy'] },
  apologise: { done: ['apology'], said: ['excuse'] },
  list_problems_back: { said: ['unaddressed_problems'] },
  verify: { said: ['liability'] },
  propose_solution: { said: ['compensation_policy'] },
  commit: { done: ['next_step', 'deadline', 'owner'] },
};

/** The coverage of a coached draft. */
export function coverageOf(coaching: Coaching): Coverage {
  const said = [...new Set([...coaching.findings, ...coaching.advice].map((item) => item.rule))];
  return { said, has: [...coaching.has] };
}

/**
 * The coverage of the coached draft, the same object while the rules and elements stay the same, so
 * the panel beside the editor is not drawn again on each keystroke; none outside the reply mode, where
 * the coach is not on screen.
 */
export function useCoverage(coaching: Coaching | null): Coverage {
  const coverage = coaching ? coverageOf(coaching) : NO_COVERAGE;
  const signature = `${[...coverage.said].sort().join(',')}|${[...coverage.has].sort().join(',')}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for the coverage
  return useMemo(() => coverage, [signature]);
}

/** Whether the draft already does what the step asks (and the coach raises nothing against it). */
function isDoneByDraft(action: Step['action'], coverage: Coverage): boolean {
  const same = SAME_ADVICE[action];
  if (!same?.done) return false;
  // A draft that apologises with an excuse is not done apologising.
  if (same.said?.some((rule) => coverage.said.includes(rule))) return false;
  return same.done.every((element) => coverage.has.includes(element));
}

/** Whether the coach raises the step's advice under the draft too. */
export function isSaidByCoach(action: Step['action'], coverage: Coverage): boolean {
  return SAME_ADVICE[action]?.said?.some((rule) => coverage.said.includes(rule)) ?? false;
}

/**
 * The steps split into those still to do and those the draft already does, in order. A step the coach
 * also raises stays to do, with its phrases to insert: the coach's advice has none.
 */
export function splitByDraft<S extends Step>(
  steps: readonly S[],
  coverage: Coverage,
): { open: S[]; done: S[] } {
  const open: S[] = [];
  const done: S[] = [];
  for (const step of steps) (isDoneByDraft(step.action, coverage) ? done : open).push(step);
  return { open, done };
}

import type { Advice, Coaching, Element, Finding, Step } from '@calmdesk/analysis/core';

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

/** Why a step is folded away: the draft already does it, or the coach says it under the draft. */
export type CoveredBy = 'draft' | 'coach';

/** Whether the coach's reading of the draft covers the step, and how; null when the step stands alone. */
function coveredBy(action: Step['action'], coaching: Coaching): CoveredBy | null {
  const same = SAME_ADVICE[action];
  if (!same) return null;
  // The coach's own words come first: a draft that apologises with an excuse is not done apologising.
  const said = new Set<CoachSays>([...coaching.findings, ...coaching.advice].map((item) => item.rule));
  if (same.said?.some((rule) => said.has(rule))) return 'coach';
  return same.done?.every((element) => coaching.has.includes(element)) ? 'draft' : null;
}

/** The steps split into those still to read and those the draft or the coach already covers, in order. */
export function splitByCoach<S extends Step>(
  steps: readonly S[],
  coaching: Coaching,
): { open: S[]; covered: Array<{ step: S; by: CoveredBy }> } {
  const open: S[] = [];
  const covered: Array<{ step: S; by: CoveredBy }> = [];
  for (const step of steps) {
    const by = coveredBy(step.action, coaching);
    if (by) covered.push({ step, by });
    else open.push(step);
  }
  return { open, covered };
}

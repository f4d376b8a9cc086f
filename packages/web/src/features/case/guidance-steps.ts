import type { Step } from '@calmdesk/analysis/core';

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

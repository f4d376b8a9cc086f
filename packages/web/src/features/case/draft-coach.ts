import {
  type CoachContext,
  type Coaching,
  coachReply,
  createCoach,
  createScorer,
} from '@calmdesk/analysis/core';

export type Coach = (draft: string, context?: CoachContext) => Coaching;

let learnedCoach: Coach | null = null;
let loading: Promise<Coach> | null = null;

/**
 * The coach the server runs before a reply is sent: the rules and the learned draft model. The model
 * (about 200 kB) is a chunk of its own, fetched the first time a reply box asks for it; until then, or
 * if it cannot be fetched, the rules alone coach.
 */
export function loadLearnedCoach(): Promise<Coach> {
  loading ??= import('@calmdesk/analysis/draft-model').then(({ DRAFT_MODEL }) => {
    learnedCoach = createCoach({ learned: createScorer(DRAFT_MODEL) });
    return learnedCoach;
  });
  return loading;
}

/** The best coach loaded so far: the learned one once its model has arrived, the rules before. */
export function currentCoach(): Coach {
  return learnedCoach ?? coachReply;
}

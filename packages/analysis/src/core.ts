/**
 * The engine without the statistical language guesser, for browsers that know the language
 * (`analyzeMessage(text, { lang })`): no n-gram database to load. Its `coachReply` is the rules alone;
 * `createCoach({ learned: createScorer(DRAFT_MODEL) })`, with the model from
 * `@calmdesk/analysis/draft-model` loaded when it is wanted, coaches as the main entry does.
 */
import { analyzeWithPacks } from './analyze/packs-analyzer.ts';

export { coachReply, createCoach } from './coach/coach-reply.ts';
export { extractCommitments } from './commitments/extract-commitments.ts';
export {
  type PersonForms,
  SALUTATIONS,
  type Salutation,
  SPEAKER_FORMS,
  type SpeakerForm,
} from './forms/forms-pack.ts';
export { hasGenderedAlternative, resolveForms } from './forms/resolve-forms.ts';
export { type CaseState, guide, type Step } from './guide/guide.ts';
export { createScorer } from './learned/score.ts';
export type * from './types.ts';
export * from './vocabulary.ts';

export const analyzeMessage = analyzeWithPacks;

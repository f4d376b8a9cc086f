import { createAnalyzer, createOwnText } from './analyze/analyze-message.ts';
import { eldGuesser } from './analyze/eld-guesser.ts';
import { createCoach } from './coach/coach-reply.ts';
import { PACKS } from './lang/index.ts';
import { DRAFT_MODEL } from './learned/draft-model.generated.ts';
import { MODEL } from './learned/model.generated.ts';
import { createScorer } from './learned/score.ts';

export { createAnalyzer, MAX_ANALYZED_CHARS } from './analyze/analyze-message.ts';
export { createCoach } from './coach/coach-reply.ts';
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
export type * from './types.ts';
export * from './vocabulary.ts';

/**
 * Analyses one inbound customer message: language, flags with evidence, problems, level and anger.
 * @example analyzeMessage('Jesteście oszustami, oddajcie kasę!').flags // ['insult', 'refund_demand']
 */
export const analyzeMessage = createAnalyzer({
  packs: PACKS,
  guessLanguage: eldGuesser,
  learned: createScorer(MODEL),
});

/**
 * Checks an agent's draft reply before it is sent: the rules, then the learned second opinion on
 * drafts, which may add a finding or an element the rules missed (a finding it adds warns, never
 * blocks, and carries `evidence`). The core build's `coachReply` is the rules alone.
 * @example coachReply('Nie ma Pan racji.', { lang: 'pl' }).findings[0]?.rule // 'arguing'
 */
export const coachReply = createCoach({ learned: createScorer(DRAFT_MODEL) });

/**
 * The customer's own words in a mail: quoted history and signature left out (what a case shows and
 * analyses; the whole mail is kept apart).
 * @example ownText('Still broken.\n\nOn Mon, 2 Nov 2026, Anna wrote:\n> Fixed!') // 'Still broken.'
 */
export const ownText = createOwnText(PACKS);

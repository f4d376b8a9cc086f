import type { Phrase } from '../coach/coach-pack.ts';
import { COACH_PACKS } from '../coach/packs.ts';
import type { PersonForms } from '../forms/forms-pack.ts';
import { resolveForms } from '../forms/resolve-forms.ts';
import { steps as en } from '../lang/en/steps.ts';
import { steps as et } from '../lang/et/steps.ts';
import { steps as pl } from '../lang/pl/steps.ts';
import type { Analysis } from '../types.ts';
import type { FaultHint, Lang } from '../vocabulary.ts';
import { STEP_ACTIONS, STEP_SOURCES, type StepAction, type StepTexts } from './steps.ts';

const TEXTS: Record<Lang, StepTexts> = { pl, et, en };
const PHRASES_PER_STEP = 2;

export interface CaseState {
  /** The customer's language: steps and phrases come in it. */
  lang: Lang;
  /** Analyses of the customer's inbound messages, oldest first. */
  inbound: Analysis[];
  stage?: string;
  fault?: FaultHint;
  openCommitments?: number;
  overdueCommitments?: number;
  /** How many replies the customer has had. */
  repliesSent?: number;
  /** The customer wrote satisfied messages earlier (shown when a late refund demand comes, as the advice on customers who praise a service and later want their money back says). */
  earlierSatisfied?: boolean;
  /** The agent's and the customer's grammatical forms: phrases come written for them. */
  forms?: PersonForms;
}

export interface Step {
  action: StepAction;
  title: string;
  why: string;
  /** The seed the advice comes from, e.g. '002'. */
  source: string;
  phrases: string[];
}

function chooseActions(state: CaseState): Set<StepAction> {
  const last = state.inbound.at(-1);
  const flags = new Set(state.inbound.flatMap((a) => a.flags));
  const lastFlags = new Set(last?.flags ?? []);
  const actions = new Set<StepAction>();
  if (!last) return actions;
  if (last.level === 'hostile') actions.add('set_boundary');
  if (lastFlags.has('threat_violence') || lastFlags.has('threat_legal') || lastFlags.has('threat_public'))
    actions.add('escalate');
  if ((state.overdueCommitments ?? 0) > 0) actions.add('keep_commitment');
  const angry = last.level === 'angry' || last.level === 'hostile';
  if (angry && (state.repliesSent ?? 0) === 0) actions.add('let_vent');
  if (last.level !== 'calm') actions.add('acknowledge');
  if (state.fault === 'ours' || lastFlags.has('repeat_contact')) actions.add('apologise');
  if (last.issues >= 2) actions.add('list_problems_back');
  const refund = flags.has('refund_demand');
  // A refund demand always talks about money; it is specific only when it names what went wrong.
  const specific = last.problems.some((p) => p.category !== 'billing');
  const lateDemand = state.earlierSatisfied || (state.repliesSent ?? 0) > 0;
  if (refund && !specific && lateDemand) actions.add('review_history');
  if (last.level !== 'calm' && !specific) actions.add('ask_specifics');
  if (state.fault === undefined || state.fault === 'unknown') {
    if (last.issues > 0 || refund) actions.add('verify');
  }
  if (refund || flags.has('compensation_demand') || flags.has('churn_threat') || last.issues > 0)
    actions.add('propose_solution');
  if ((state.openCommitments ?? 0) === 0 || last.level !== 'calm') actions.add('commit');
  return actions;
}

function phrasesFor(action: StepAction, bank: readonly Phrase[]): string[] {
  const kinds = STEP_SOURCES[action].phrases;
  return bank
    .filter((p) => kinds.includes(p.kind))
    .slice(0, PHRASES_PER_STEP * kinds.length)
    .map((p) => p.text);
}

/**
 * The next best actions for a case, most urgent first, each with why, the seed it comes from and
 * ready phrases in the customer's language.
 * @example guide({ lang: 'pl', inbound: [analyzeMessage('Jesteście złodziejami!')] })[0]?.action // 'set_boundary'
 */
export function guide(state: CaseState): Step[] {
  const actions = chooseActions(state);
  const texts = TEXTS[state.lang];
  const bank = COACH_PACKS[state.lang].phrases;
  return STEP_ACTIONS.filter((action) => actions.has(action)).map((action) => ({
    action,
    title: texts[action].title,
    why: texts[action].why,
    source: STEP_SOURCES[action].source,
    phrases: phrasesFor(action, bank).map((p) =>
      state.forms ? resolveForms(p, state.lang, state.forms) : p,
    ),
  }));
}

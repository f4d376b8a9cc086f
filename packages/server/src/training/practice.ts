import { analyzeMessage, type CoachContext, type Coaching, coachReply } from '@calmdesk/analysis';
import { COACH_RULES, type CoachRule, ELEMENTS, type Element } from '@calmdesk/analysis/vocabulary';
import type { TrainingOutcome, TrainingPractise, TrainingTurn } from '@calmdesk/contracts';
import { type Branch, isEnding, type ScenarioState, targetOf } from './scenario-format.ts';
import type { Scenario } from './scenarios.ts';

/**
 * The practice engine: pure and deterministic. A reply is coached exactly as on a case page, and what
 * the coach saw — not the reply's words — picks the branch that moves the customer.
 */

/** What the reply coach is told: the customer's message analysed, the language, the fault, who answers. */
export function coachContextFor(scenario: Scenario, customer: string, agentName: string): CoachContext {
  return {
    customer: [analyzeMessage(customer, { lang: scenario.language })],
    lang: scenario.language,
    ...(scenario.fault ? { fault: scenario.fault } : {}),
    agentName,
  };
}

export function stateOf(scenario: Scenario, id: string): ScenarioState {
  const state = scenario.states[id];
  if (!state) throw new Error(`scenario ${scenario.id} has no state ${id}`);
  return state;
}

/** The turn that waits for the trainee's reply to a state's message. */
export function openTurn(scenario: Scenario, stateId: string): TrainingTurn {
  const state = stateOf(scenario, stateId);
  return {
    customer: state.customer,
    angerBefore: state.anger,
    reply: null,
    coaching: null,
    worked: [],
    missed: [],
    modelAnswer: null,
    angerAfter: null,
  };
}

function avoidedIn(scenario: Scenario, state: ScenarioState): readonly CoachRule[] {
  return state.avoid ?? scenario.avoid ?? COACH_RULES;
}

/** The branch a coached reply takes: hostility first, then an avoided finding, a missing element, else good. */
export function branchOf(scenario: Scenario, state: ScenarioState, coaching: Coaching): Branch {
  const made = new Set(coaching.findings.map((f) => f.rule));
  if (made.has('hostility')) return 'hostile';
  if (avoidedIn(scenario, state).some((rule) => made.has(rule))) return 'bad';
  if (state.expect.some((element) => !coaching.has.includes(element))) return 'partial';
  return 'good';
}

/** Coach codes in the vocabulary's order: findings first, then elements. */
function inVocabularyOrder(codes: Iterable<string>): string[] {
  const set = new Set(codes);
  return [...COACH_RULES, ...ELEMENTS].filter((code) => set.has(code));
}

function feedbackOf(scenario: Scenario, state: ScenarioState, coaching: Coaching) {
  const made = new Set<string>(coaching.findings.map((f) => f.rule));
  const has = new Set<Element>(coaching.has);
  return {
    worked: inVocabularyOrder([
      ...avoidedIn(scenario, state).filter((rule) => !made.has(rule)),
      ...state.expect.filter((element) => has.has(element)),
    ]),
    missed: inVocabularyOrder([...made, ...state.expect.filter((element) => !has.has(element))]),
  };
}

/** How angry the customer is once the scenario ends this way. */
export function angerAtEnd(before: number, ending: TrainingOutcome): number {
  if (ending === 'resolved') return Math.max(0, before - 2);
  if (ending === 'escalated') return Math.min(5, before + 1);
  return 5;
}

export interface JudgedReply {
  turn: TrainingTurn;
  /** The next state's id, or how the scenario ended. */
  next: { state: string } | { ending: TrainingOutcome };
}

/** Coaches the trainee's reply to a state's message and follows the branch the coach's findings pick. */
export function judgeReply(
  scenario: Scenario,
  stateId: string,
  reply: string,
  agentName: string,
): JudgedReply {
  const state = stateOf(scenario, stateId);
  const coaching = coachReply(reply, coachContextFor(scenario, state.customer, agentName));
  const target = targetOf(state, branchOf(scenario, state, coaching));
  const angerAfter = isEnding(target) ? angerAtEnd(state.anger, target) : stateOf(scenario, target).anger;
  return {
    turn: {
      customer: state.customer,
      angerBefore: state.anger,
      reply,
      coaching,
      ...feedbackOf(scenario, state, coaching),
      modelAnswer: state.model,
      angerAfter,
    },
    next: isEnding(target) ? { ending: target } : { state: target },
  };
}

/** How much of the session's score the ending decides; the rest is the turns' average coach score. */
const ENDING_SHARE = 30;
const ENDING_WEIGHT: Record<TrainingOutcome, number> = { resolved: 1, escalated: 0.3, lost: 0 };

/** 0–100: 70 % the average coach score of the answered turns, 30 % how the customer left. */
export function sessionScore(turns: readonly TrainingTurn[], ending: TrainingOutcome): number {
  const scores = turns.flatMap((t) => (t.coaching ? [t.coaching.score] : []));
  const average = scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length;
  return Math.round(((100 - ENDING_SHARE) * average) / 100 + ENDING_SHARE * ENDING_WEIGHT[ending]);
}

/** Worst first (most often missed), then in the vocabulary's order. */
function worstFirst(list: TrainingPractise[]): TrainingPractise[] {
  const order = [...COACH_RULES, ...ELEMENTS] as string[];
  return list.sort(
    (a, b) =>
      b.times / b.of - a.times / a.of || b.times - a.times || order.indexOf(a.skill) - order.indexOf(b.skill),
  );
}

/** The skills to practise: each code missed, in how many of the answered turns. */
export function practiseOf(turns: readonly TrainingTurn[]): TrainingPractise[] {
  const answered = turns.filter((t) => t.reply !== null);
  const times = new Map<string, number>();
  for (const turn of answered) for (const code of turn.missed) times.set(code, (times.get(code) ?? 0) + 1);
  return worstFirst([...times].map(([skill, n]) => ({ skill, times: n, of: answered.length })));
}

/** Several sessions' skills to practise, summed: `excuse` 4 of 9 turns over three sessions. */
export function sumPractise(sessions: ReadonlyArray<{ practise: TrainingPractise[]; turns: number }>) {
  const of = sessions.reduce((n, s) => n + s.turns, 0);
  const times = new Map<string, number>();
  for (const s of sessions)
    for (const p of s.practise) times.set(p.skill, (times.get(p.skill) ?? 0) + p.times);
  return worstFirst([...times].map(([skill, n]) => ({ skill, times: n, of })));
}

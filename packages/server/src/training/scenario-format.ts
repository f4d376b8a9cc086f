import { COACH_RULES, ELEMENTS, LANGS } from '@calmdesk/analysis/vocabulary';
import { CLIENT_TYPES, FAULTS, TRAINING_OUTCOMES } from '@calmdesk/contracts';
import { z } from 'zod';

/**
 * A scenario file as a trainer writes it (scenarios/README.md): the customer's messages as states,
 * each naming where a good, a half-good, a bad and a hostile reply lead.
 */
const TextSchema = z.string().trim().min(1, 'is empty');
const AngerSchema = z.number().int().min(0).max(5);
const StateIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a state id is lowercase letters, digits and _');

/** Where a reply leads: another state of the scenario, or an ending. */
const TargetSchema = z.string().min(1);

export const ScenarioStateSchema = z.strictObject({
  anger: AngerSchema,
  customer: TextSchema,
  /** The elements a good reply to this message has. */
  expect: z.array(z.enum(ELEMENTS)).min(1),
  /** The findings that anger this customer; the scenario's `avoid` when absent. */
  avoid: z.array(z.enum(COACH_RULES)).optional(),
  model: TextSchema,
  good: TargetSchema,
  /** No avoided finding, but an expected element missing; `bad` when absent. */
  partial: TargetSchema.optional(),
  bad: TargetSchema,
  /** The coach found hostility in the reply; `lost` when absent. */
  hostile: TargetSchema.optional(),
});
export type ScenarioState = z.infer<typeof ScenarioStateSchema>;

export const ScenarioFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/, 'an id is the language and a name: pl-late-cancels'),
  language: z.enum(LANGS),
  title: TextSchema,
  persona: z.enum(CLIENT_TYPES),
  situation: TextSchema,
  /** Who is at fault, as the case page would tell the coach. */
  fault: z.enum(FAULTS).optional(),
  /** The findings that anger the customer in every state that names none; all of them when absent. */
  avoid: z.array(z.enum(COACH_RULES)).optional(),
  start: StateIdSchema,
  states: z.record(StateIdSchema, ScenarioStateSchema),
});
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;

export type Ending = (typeof TRAINING_OUTCOMES)[number];

export function isEnding(target: string): target is Ending {
  return (TRAINING_OUTCOMES as readonly string[]).includes(target);
}

/** The branches of a state, in the order a reply is judged. */
export const BRANCHES = ['hostile', 'bad', 'partial', 'good'] as const;
export type Branch = (typeof BRANCHES)[number];

/** Where a branch leads: what the trainer wrote, or the branch it falls back on. */
export function targetOf(state: ScenarioState, branch: Branch): string {
  if (branch === 'hostile') return state.hostile ?? 'lost';
  if (branch === 'partial') return state.partial ?? state.bad;
  return state[branch];
}

import type {
  Lang,
  NewTrainingSession,
  TrainingProgress,
  TrainingScenarioSummary,
  TrainingSession,
  TrainingSessionSummary,
  TrainingStatus,
  TrainingTurn,
} from '@calmdesk/contracts';
import type { Selectable } from 'kysely';
import { type Actor, hasRole } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { TrainingSessionsTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { judgeReply, openTurn, practiseOf, sessionScore, stateOf, sumPractise } from './practice.ts';
import { allScenarios, findScenario, type Scenario, summaryOf } from './scenarios.ts';

type SessionRow = Selectable<TrainingSessionsTable>;
type Person = { id: string; name: string };
interface Trainee extends Person {
  isSupervisor: boolean;
}

/** Training is personal: it needs a signed-in staff member, never a bare API token or the CLI. */
function traineeOf(actor: Actor): Trainee {
  if (actor.kind !== 'user')
    throw new AppError('forbidden', 'training belongs to a signed-in staff member, not to an API token');
  return { id: actor.id, name: actor.name, isSupervisor: hasRole(actor, 'supervisor') };
}

export function listScenarios(actor: Actor, language?: Lang): TrainingScenarioSummary[] {
  traineeOf(actor);
  return allScenarios()
    .filter((s) => !language || s.language === language)
    .map(summaryOf);
}

const ENDED: readonly TrainingStatus[] = ['resolved', 'escalated', 'lost'];

async function namesOf(db: Db, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summaryFrom(row: SessionRow, names: Map<string, string>): TrainingSessionSummary {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    scenarioTitle: row.scenario_title,
    language: row.language,
    persona: row.persona,
    user: { id: row.user_id, name: names.get(row.user_id) ?? '' },
    assignedBy: row.assigned_by ? { id: row.assigned_by, name: names.get(row.assigned_by) ?? '' } : null,
    status: row.status,
    anger: row.anger,
    score: row.score,
    practise: row.practise,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
  };
}

async function present(db: Db, row: SessionRow): Promise<TrainingSession> {
  const names = await namesOf(db, [row.user_id, row.assigned_by]);
  return { ...summaryFrom(row, names), turns: row.turns };
}

function scenarioNamed(id: string): Scenario {
  const scenario = findScenario(id);
  if (!scenario) throw new AppError('bad_request', `scenario ${id} does not exist`, 'body.scenario');
  return scenario;
}

/** The session as it begins: the scenario's opening message waits for a reply. */
function started(scenario: Scenario, now: Date) {
  const opening = openTurn(scenario, scenario.start);
  return {
    status: 'active' as const,
    state: scenario.start,
    anger: opening.angerBefore,
    turns: JSON.stringify([opening]),
    started_at: now,
  };
}

/** Practise now (no `userId`, or one's own), or assign a scenario to someone (supervisor or owner). */
export async function createTrainingSession(
  db: Db,
  actor: Actor,
  input: NewTrainingSession,
  now: Date,
): Promise<TrainingSession> {
  const me = traineeOf(actor);
  const isAssignment = input.userId !== undefined && input.userId !== me.id;
  if (isAssignment && !me.isSupervisor)
    throw new AppError('forbidden', 'only a supervisor or the owner may assign training to someone else');
  const scenario = scenarioNamed(input.scenario);
  const userId = input.userId ?? me.id;
  if (isAssignment) {
    const assignee = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!assignee)
      throw new AppError('bad_request', `user ${userId} does not exist or is disabled`, 'body.userId', {
        reason: 'user_unknown',
      });
  }
  const opening = stateOf(scenario, scenario.start);
  const row = await db
    .insertInto('training_sessions')
    .values({
      id: newId(),
      user_id: userId,
      assigned_by: isAssignment ? me.id : null,
      scenario_id: scenario.id,
      scenario_title: scenario.title,
      language: scenario.language,
      persona: scenario.persona,
      status: 'assigned',
      state: null,
      anger: opening.anger,
      turns: '[]',
      practise: '[]',
      created_at: now,
      ...(isAssignment ? {} : started(scenario, now)),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return present(db, row);
}

/** A session the actor may see: their own, or anyone's for a supervisor or the owner; else 404. */
async function visibleSession(db: Db, me: Trainee, id: string): Promise<SessionRow> {
  const row = await db.selectFrom('training_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.user_id !== me.id && !me.isSupervisor))
    throw new AppError('not_found', `training session ${id} does not exist`);
  return row;
}

export async function getTrainingSession(db: Db, actor: Actor, id: string): Promise<TrainingSession> {
  return present(db, await visibleSession(db, traineeOf(actor), id));
}

/** The session, locked for this transaction, if it is the actor's own to act on. */
async function ownSessionForUpdate(db: Db, me: Trainee, id: string): Promise<SessionRow> {
  const row = await visibleSession(db, me, id);
  if (row.user_id !== me.id)
    throw new AppError('forbidden', 'only the person practising may start or answer a training session');
  return db
    .selectFrom('training_sessions')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

function notActive(row: SessionRow, doing: string): AppError {
  return new AppError(
    'training_not_active',
    `this training session is ${row.status}: cannot ${doing}`,
    undefined,
    {
      status: row.status,
    },
  );
}

function scenarioOf(row: SessionRow): Scenario {
  const scenario = findScenario(row.scenario_id);
  // Scenario files ship with the server: one removed by an upgrade leaves its sessions readable only.
  if (!scenario) throw new AppError('conflict', `scenario ${row.scenario_id} is no longer available`);
  return scenario;
}

/** The assignee begins an assigned scenario. */
export async function startTrainingSession(
  db: Db,
  actor: Actor,
  id: string,
  now: Date,
): Promise<TrainingSession> {
  const me = traineeOf(actor);
  const row = await db.transaction().execute(async (trx) => {
    const current = await ownSessionForUpdate(trx, me, id);
    if (current.status !== 'assigned') throw notActive(current, 'start it again');
    return trx
      .updateTable('training_sessions')
      .set(started(scenarioOf(current), now))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return present(db, row);
}

/** Coaches the reply, moves the customer and either opens their next message or ends the session. */
export async function replyToTrainingSession(
  db: Db,
  actor: Actor,
  id: string,
  text: string,
  now: Date,
): Promise<{ session: TrainingSession; turn: TrainingTurn }> {
  const me = traineeOf(actor);
  const { row, turn } = await db.transaction().execute(async (trx) => {
    const current = await ownSessionForUpdate(trx, me, id);
    if (current.status !== 'active' || current.state === null) throw notActive(current, 'reply');
    const scenario = scenarioOf(current);
    const judged = judgeReply(scenario, current.state, text, me.name);
    const turns = [...current.turns.slice(0, -1), judged.turn];
    const next =
      'state' in judged.next
        ? {
            state: judged.next.state,
            anger: judged.turn.angerAfter ?? current.anger,
            turns: JSON.stringify([...turns, openTurn(scenario, judged.next.state)]),
          }
        : {
            status: judged.next.ending,
            state: null,
            anger: judged.turn.angerAfter ?? current.anger,
            turns: JSON.stringify(turns),
            score: sessionScore(turns, judged.next.ending),
            practise: JSON.stringify(practiseOf(turns)),
            ended_at: now,
          };
    const updated = await trx
      .updateTable('training_sessions')
      .set(next)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row: updated, turn: judged.turn };
  });
  return { session: await present(db, row), turn };
}

/** Sessions newest first: an agent sees their own; a supervisor or the owner anyone's, or everyone's. */
export async function listTrainingSessions(
  db: Db,
  actor: Actor,
  query: { user?: string; status?: TrainingStatus },
): Promise<TrainingSessionSummary[]> {
  const me = traineeOf(actor);
  if (query.user !== undefined && query.user !== me.id && !me.isSupervisor)
    throw new AppError(
      'forbidden',
      "only a supervisor or the owner may see other people's training",
      'query.user',
    );
  const user = query.user ?? (me.isSupervisor ? undefined : me.id);
  let select = db
    .selectFrom('training_sessions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500);
  if (user !== undefined) select = select.where('user_id', '=', user);
  if (query.status !== undefined) select = select.where('status', '=', query.status);
  const rows = await select.execute();
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.user_id, r.assigned_by]),
  );
  return rows.map((r) => summaryFrom(r, names));
}

/** Per staff member: how much they practised, how well, and what to practise next (supervisor or owner). */
export async function trainingProgress(db: Db, actor: Actor): Promise<TrainingProgress> {
  const me = traineeOf(actor);
  if (!me.isSupervisor)
    throw new AppError('forbidden', "only a supervisor or the owner may see the team's training progress");
  const people = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const rows = await db
    .selectFrom('training_sessions')
    .select(['user_id', 'status', 'score', 'practise', 'turns', 'started_at', 'ended_at'])
    .execute();
  return {
    people: people.map((person) => {
      const own = rows.filter((r) => r.user_id === person.id);
      const ended = own.filter((r) => ENDED.includes(r.status));
      const scores = ended.flatMap((r) => (r.score === null ? [] : [r.score]));
      const times = own.flatMap((r) => [r.ended_at, r.started_at]).filter((t): t is Date => t !== null);
      return {
        user: person,
        sessions: own.length,
        ended: ended.length,
        averageScore:
          scores.length === 0 ? null : Math.round(scores.reduce((a, b) => a + b, 0) / scores.length),
        lastAt:
          times.length === 0 ? null : new Date(Math.max(...times.map((t) => t.getTime()))).toISOString(),
        practise: sumPractise(ended.map((r) => ({ practise: r.practise, turns: r.turns.length }))).slice(
          0,
          3,
        ),
      };
    }),
  };
}

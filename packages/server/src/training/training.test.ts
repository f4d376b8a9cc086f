import { analyzeMessage } from '@calmdesk/analysis';
import type { TrainingSession, TrainingTurn } from '@calmdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../db/schema.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { PLAY_THROUGHS } from './play-throughs.test-helper.ts';
import { allScenarios } from './scenarios.ts';

const SCENARIO_IDS = allScenarios().map((s) => s.id);

describe.each(TEST_DATABASES)('training on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(() => t.close());

  async function begin(role: Role, scenario: string): Promise<TrainingSession> {
    const started = await t.asUser(role, {
      method: 'POST',
      url: '/api/training/sessions',
      payload: { scenario },
    });
    expect(started.statusCode, started.body).toBe(201);
    return started.json();
  }
  const answer = (role: Role, id: string, text: string) =>
    t.asUser(role, { method: 'POST', url: `/api/training/sessions/${id}/replies`, payload: { text } });

  /** Plays the replies in order; the session must end with the last one, not before. */
  async function play(role: Role, scenario: string, replies: readonly string[]) {
    let session = await begin(role, scenario);
    const turns: TrainingTurn[] = [];
    for (const [i, text] of replies.entries()) {
      expect(session.status, `${scenario}: ended before reply ${i + 1}`).toBe('active');
      const answered = await answer(role, session.id, text);
      expect(answered.statusCode, answered.body).toBe(200);
      session = answered.json().session;
      turns.push(answered.json().turn);
    }
    expect(session.status, `${scenario}: still active after the last reply`).not.toBe('active');
    return { session, turns };
  }

  it('lists the scenarios of one language, or of all', async () => {
    const all = await t.asUser('agent', { method: 'GET', url: '/api/training/scenarios' });
    expect(all.statusCode).toBe(200);
    expect(all.json().scenarios.map((s: { id: string }) => s.id)).toEqual(SCENARIO_IDS);
    const estonian = await t.asUser('agent', { method: 'GET', url: '/api/training/scenarios?language=et' });
    const langs = new Set(estonian.json().scenarios.map((s: { language: string }) => s.language));
    expect([...langs]).toEqual(['et']);
    expect(estonian.json().scenarios.length).toBeGreaterThanOrEqual(8);
    const bad = await t.asUser('agent', { method: 'GET', url: '/api/training/scenarios?language=de' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.path).toBe('query.language');
  });

  it('opens a practice session with the scenario’s first message waiting for a reply', async () => {
    const session = await begin('agent', 'pl-late-cancels');
    expect(session).toMatchObject({
      scenarioId: 'pl-late-cancels',
      language: 'pl',
      persona: 'serial_canceller',
      user: { id: t.users.agent.id, name: 'Test agent' },
      assignedBy: null,
      status: 'active',
      anger: 3,
      score: null,
      practise: [],
      startedAt: t.clock.now.toISOString(),
      endedAt: null,
    });
    expect(session.turns).toHaveLength(1);
    expect(session.turns[0]).toMatchObject({ angerBefore: 3, reply: null, coaching: null, angerAfter: null });
    expect(session.turns[0]?.customer).toContain('zadatek');
  });

  it.each(SCENARIO_IDS)('plays %s to a resolution on a good path, with a high score', async (id) => {
    const { session, turns } = await play('agent', id, PLAY_THROUGHS[id]?.good ?? []);
    expect(session.status).toBe('resolved');
    expect(session.score).toBeGreaterThanOrEqual(80);
    for (const turn of turns) {
      expect(turn.missed, turn.reply ?? '').toEqual([]);
      expect(turn.worked.length).toBeGreaterThan(0);
      expect(turn.modelAnswer).toBeTruthy();
    }
    expect(session.turns.map((turn) => turn.reply)).toEqual(PLAY_THROUGHS[id]?.good);
  });

  it.each(SCENARIO_IDS)('loses or escalates %s on a bad path, naming what went wrong', async (id) => {
    const path = PLAY_THROUGHS[id];
    const { session, turns } = await play('agent', id, path?.bad ?? []);
    expect(['lost', 'escalated']).toContain(session.status);
    expect(session.score).toBeLessThan(60);
    const missed = new Set(turns.flatMap((turn) => turn.missed));
    expect([...missed]).toEqual(expect.arrayContaining(path?.badMisses ?? ['(none listed)']));
    expect(turns.at(-1)?.angerAfter).toBeGreaterThanOrEqual(turns[0]?.angerBefore ?? 6);
    expect(session.anger).toBe(turns.at(-1)?.angerAfter);
    const worst = session.practise[0];
    expect(worst?.of).toBe(turns.length);
    expect(worst?.times).toBe(Math.max(...session.practise.map((p) => p.times)));
  });

  it('coaches a reply exactly as POST /api/coach does with the case page’s context', async () => {
    const session = await begin('agent', 'en-late-cancels');
    const customer = session.turns[0]?.customer ?? '';
    const text = 'I understand. Our policy is clear, calm down. I will check the diary and write by 5 pm.';
    const answered = await answer('agent', session.id, text);
    const coached = await t.asUser('agent', {
      method: 'POST',
      url: '/api/coach',
      payload: {
        text,
        context: {
          customer: [analyzeMessage(customer, { lang: 'en' })],
          lang: 'en',
          fault: 'customer',
          agentName: 'Test agent',
        },
      },
    });
    expect(answered.json().turn.coaching).toEqual(coached.json());
    expect(answered.json().turn.missed).toContain('condescension');
  });

  it('gives the same session for the same replies', async () => {
    const replies = PLAY_THROUGHS['et-late-cancels']?.bad ?? [];
    const first = await play('agent', 'et-late-cancels', replies);
    const second = await play('agent', 'et-late-cancels', replies);
    const stable = (s: TrainingSession) => ({ ...s, id: '', createdAt: '', startedAt: '', endedAt: '' });
    expect(stable(second.session)).toEqual(stable(first.session));
  });

  it('refuses a reply to an ended or not yet started session with 409 training_not_active', async () => {
    const { session } = await play('agent', 'en-wants-it-now', PLAY_THROUGHS['en-wants-it-now']?.good ?? []);
    const late = await answer('agent', session.id, 'One more thing: I will call you tomorrow.');
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'training_not_active', status: 'resolved' });
    const assigned = await t.asUser('supervisor', {
      method: 'POST',
      url: '/api/training/sessions',
      payload: { scenario: 'en-wants-it-now', userId: t.users.agent.id },
    });
    const early = await answer('agent', assigned.json().id, 'I will check it today by noon.');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('training_not_active');
  });

  it('lets a supervisor assign a scenario that the assignee then starts', async () => {
    const assigned = await t.asUser('supervisor', {
      method: 'POST',
      url: '/api/training/sessions',
      payload: { scenario: 'et-insults-and-threats', userId: t.users.agent.id },
    });
    expect(assigned.statusCode).toBe(201);
    expect(assigned.json()).toMatchObject({
      status: 'assigned',
      user: { id: t.users.agent.id },
      assignedBy: { id: t.users.supervisor.id, name: 'Test supervisor' },
      turns: [],
      startedAt: null,
    });
    const id = assigned.json().id;
    const bySupervisor = await t.asUser('supervisor', {
      method: 'POST',
      url: `/api/training/sessions/${id}/start`,
    });
    expect(bySupervisor.statusCode).toBe(403);
    const started = await t.asUser('agent', { method: 'POST', url: `/api/training/sessions/${id}/start` });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'active', startedAt: t.clock.now.toISOString() });
    expect(started.json().turns).toHaveLength(1);
    const again = await t.asUser('agent', { method: 'POST', url: `/api/training/sessions/${id}/start` });
    expect(again.statusCode).toBe(409);
    const replyBySupervisor = await answer('supervisor', id, 'Mõistan teid. Helistan homme kell 10.');
    expect(replyBySupervisor.statusCode).toBe(403);
    const read = await t.asUser('supervisor', { method: 'GET', url: `/api/training/sessions/${id}` });
    expect(read.statusCode).toBe(200);
  });

  it('keeps an agent to their own training', async () => {
    const assign = await t.asUser('agent', {
      method: 'POST',
      url: '/api/training/sessions',
      payload: { scenario: 'pl-wants-it-now', userId: t.users.supervisor.id },
    });
    expect(assign.statusCode).toBe(403);
    const own = await t.asUser('agent', {
      method: 'POST',
      url: '/api/training/sessions',
      payload: { scenario: 'pl-wants-it-now', userId: t.users.agent.id },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ status: 'active', assignedBy: null });
    const theirs = await begin('supervisor', 'pl-wants-it-now');
    const read = await t.asUser('agent', { method: 'GET', url: `/api/training/sessions/${theirs.id}` });
    expect(read.statusCode).toBe(404);
    const reply = await answer('agent', theirs.id, 'Rozumiem, sprawdzę to dziś do 15:00.');
    expect(reply.statusCode).toBe(404);
    const list = await t.asUser('agent', {
      method: 'GET',
      url: `/api/training/sessions?user=${t.users.supervisor.id}`,
    });
    expect(list.statusCode).toBe(403);
    const progress = await t.asUser('agent', { method: 'GET', url: '/api/training/progress' });
    expect(progress.statusCode).toBe(403);
    const byToken = await t.as('owner', { method: 'GET', url: '/api/training/scenarios' });
    expect(byToken.statusCode).toBe(403);
  });

  it('lists sessions newest first: an agent their own, a supervisor anyone’s', async () => {
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const newest = await begin('agent', 'en-many-complaints');
    const mine = await t.asUser('agent', { method: 'GET', url: '/api/training/sessions' });
    expect(mine.statusCode).toBe(200);
    const sessions: Array<{ id: string; user: { id: string }; createdAt: string }> = mine.json().sessions;
    expect(sessions[0]?.id).toBe(newest.id);
    expect(sessions.every((s) => s.user.id === t.users.agent.id)).toBe(true);
    expect(sessions.map((s) => s.createdAt)).toEqual(
      sessions
        .map((s) => s.createdAt)
        .sort()
        .reverse(),
    );
    expect(sessions[0]).not.toHaveProperty('turns');
    const everyone = await t.asUser('owner', { method: 'GET', url: '/api/training/sessions' });
    const users = new Set(everyone.json().sessions.map((s: { user: { id: string } }) => s.user.id));
    expect(users).toEqual(new Set([t.users.agent.id, t.users.supervisor.id]));
    const lost = await t.asUser('supervisor', {
      method: 'GET',
      url: `/api/training/sessions?user=${t.users.agent.id}&status=lost`,
    });
    expect(lost.json().sessions.length).toBeGreaterThan(0);
    expect(lost.json().sessions.every((s: { status: string }) => s.status === 'lost')).toBe(true);
  });

  it('sums each person’s practice for a supervisor', async () => {
    const progress = await t.asUser('supervisor', { method: 'GET', url: '/api/training/progress' });
    expect(progress.statusCode).toBe(200);
    const people: Array<{
      user: { id: string };
      sessions: number;
      ended: number;
      averageScore: number | null;
      practise: Array<{ skill: string; times: number; of: number }>;
    }> = progress.json().people;
    const agent = people.find((p) => p.user.id === t.users.agent.id);
    const listed = await t.asUser('supervisor', {
      method: 'GET',
      url: `/api/training/sessions?user=${t.users.agent.id}`,
    });
    const sessions: Array<{ status: string; score: number | null }> = listed.json().sessions;
    const ended = sessions.filter((s) => s.score !== null);
    expect(agent?.sessions).toBe(sessions.length);
    expect(agent?.ended).toBe(ended.length);
    expect(agent?.averageScore).toBe(
      Math.round(ended.reduce((n, s) => n + (s.score ?? 0), 0) / ended.length),
    );
    expect(agent?.practise.length).toBeLessThanOrEqual(3);
    expect(agent?.practise.map((p) => p.times)).toEqual(
      agent?.practise.map((p) => p.times).sort((a, b) => b - a),
    );
    const owner = people.find((p) => p.user.id === t.users.owner.id);
    expect(owner).toMatchObject({ sessions: 0, ended: 0, averageScore: null, lastAt: null, practise: [] });
  });

  it('answers bad bodies with 400 naming the field', async () => {
    const cases: Array<[Role, string, unknown, string]> = [
      ['agent', '/api/training/sessions', { scenario: 'pl-no-such-thing' }, 'body.scenario'],
      ['agent', '/api/training/sessions', {}, 'body.scenario'],
      ['agent', '/api/training/sessions', { scenario: 'pl-late-cancels', extra: 1 }, 'body'],
      [
        'supervisor',
        '/api/training/sessions',
        { scenario: 'pl-late-cancels', userId: 'nobody' },
        'body.userId',
      ],
    ];
    for (const [role, url, payload, path] of cases) {
      const refused = await t.asUser(role, { method: 'POST', url, payload: payload as object });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().error.path, JSON.stringify(payload)).toBe(path);
    }
    const session = await begin('agent', 'en-refund-after-praise');
    for (const payload of [{ text: '   ' }, {}, { text: 42 }]) {
      const refused = await t.asUser('agent', {
        method: 'POST',
        url: `/api/training/sessions/${session.id}/replies`,
        payload,
      });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().error.path).toBe('body.text');
    }
    const missing = await answer('agent', 'no-such-session', 'I will check.');
    expect(missing.statusCode).toBe(404);
  });
});

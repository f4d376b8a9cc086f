import type { LiveEvent } from '@calmdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../auth/auth.service.ts';
import { processReceivedMail, storeRawMail } from '../mail/ingest-mail.ts';
import { connectEventStream, type EventStreamClient } from '../testing/event-stream-client.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';

const NEW_CASE = {
  customer: { name: 'Liis Kask', email: 'liis.kask@example.test' },
  channel: 'web',
  subject: 'Broneering kadus ära',
  message: { body: 'Minu broneering kadus süsteemist ja keegi ei helistanud. Olen väga pettunud.' },
} as const;

describe.each(TEST_DATABASES)('live updates on %s', (kind) => {
  let t: TestApp;
  let base = '';
  let bearer: Record<string, string> = {};
  const streams: EventStreamClient[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    bearer = { authorization: `Bearer ${(await createToken(t.database.db, 'agent', 'live test')).token}` };
  }, 120_000);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await t.close();
  });

  async function listen(headers: Record<string, string> = bearer): Promise<EventStreamClient> {
    const stream = await connectEventStream(`${base}/api/events`, headers);
    streams.push(stream);
    return stream;
  }

  /** A signed-in staff member's cookie and CSRF token, as the web app holds them. */
  async function signIn(role: 'agent' | 'supervisor') {
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: `${role}@example.test`, password: `${role}-password` },
    });
    const cookie = answer.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return { cookie, 'x-csrf-token': answer.json().csrfToken as string };
  }

  async function openCase(): Promise<string> {
    const created = await t.as('agent', { method: 'POST', url: '/api/cases', payload: NEW_CASE });
    expect(created.statusCode).toBe(201);
    return created.json().id;
  }

  it('streams a case created through the API to a signed-in client, without its text', async () => {
    const stream = await listen();
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
    const caseId = await openCase();
    const created = await stream.waitFor((e) => e.type === 'case.created' && e.caseId === caseId);
    expect(created.event).toEqual({ type: 'case.created', caseId, status: 'new', assigneeId: null });
    expect(created.id).toMatch(/^[\w-]+\.\d+$/);
    expect(stream.retryMs()).toBe(3000);
    const first = await stream.waitFor((e) => e.type === 'interaction.added' || e.type === 'case.created');
    expect(JSON.stringify(first.event)).not.toContain('pettunud');
  });

  it('streams new messages, replies and changes of status and assignee', async () => {
    const caseId = await openCase();
    const stream = await listen();
    const inbound = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${caseId}/interactions`,
      payload: { kind: 'inbound', body: 'Kas keegi üldse vastab? Ootan juba teist päeva.' },
    });
    expect(inbound.statusCode).toBe(201);
    const added = await stream.waitFor((e) => e.type === 'interaction.added' && e.caseId === caseId);
    expect(added.event).toEqual({
      type: 'interaction.added',
      caseId,
      interactionId: inbound.json().id,
      kind: 'inbound',
    });
    const patched = await t.as('supervisor', {
      method: 'PATCH',
      url: `/api/cases/${caseId}`,
      payload: { status: 'waiting_us', assignee: t.users.agent.id },
    });
    expect(patched.statusCode).toBe(200);
    const updated = await stream.waitFor((e) => e.type === 'case.updated' && e.caseId === caseId);
    expect(updated.event).toEqual({
      type: 'case.updated',
      caseId,
      status: 'waiting_us',
      assigneeId: t.users.agent.id,
    });
  });

  it('streams a case opened by an e-mail once its mail is taken', async () => {
    const mailbox = await t.as('owner', {
      method: 'POST',
      url: '/api/mailboxes',
      payload: { address: `support-${kind}@salon.example`, imap: 'imap://support:pw@127.0.0.1:1/INBOX' },
    });
    expect(mailbox.statusCode).toBe(201);
    const stream = await listen();
    const raw = new TextEncoder().encode(
      [
        'From: Ewa Zając <ewa@example.test>',
        `To: support-${kind}@salon.example`,
        'Subject: Kolor wyszedł fioletowy',
        'Message-ID: <live-1@example.test>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Kolor miał być miedziany, a wyszedł fioletowy. Proszę o kontakt.',
      ].join('\r\n'),
    );
    await storeRawMail(t.database.db, mailbox.json().id, { uidValidity: '1', uid: '1', raw }, t.clock.now);
    const [outcome] = await processReceivedMail(t.database.db, mailbox.json().id, () => t.clock.now);
    expect(outcome?.caseId).toBeTruthy();
    const created = await stream.waitFor((e) => e.type === 'case.created' && e.caseId === outcome?.caseId);
    expect(created.event).toMatchObject({ status: 'new', assigneeId: null });
  });

  it('tells every open page who is replying, and the second agent who was first', async () => {
    const caseId = await openCase();
    const stream = await listen();
    const agent = await signIn('agent');
    const supervisor = await signIn('supervisor');
    const isPresence = (users: string[]) => (e: LiveEvent) =>
      e.type === 'presence' && e.caseId === caseId && e.users.map((u) => u.name).join() === users.join();

    const first = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/replying`,
      headers: agent,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ users: [], expiresInSeconds: 25 });
    await stream.waitFor(isPresence(['Test agent']));

    const second = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/replying`,
      headers: supervisor,
    });
    expect(second.json().users).toEqual([{ id: t.users.agent.id, name: 'Test agent' }]);
    await stream.waitFor(isPresence(['Test agent', 'Test supervisor']));

    // A page opened now learns at once who is replying.
    const late = await listen();
    await late.waitFor(isPresence(['Test agent', 'Test supervisor']));

    const closed = await t.app.inject({
      method: 'DELETE',
      url: `/api/cases/${caseId}/replying`,
      headers: agent,
    });
    expect(closed.statusCode).toBe(204);
    await stream.waitFor(isPresence(['Test supervisor']));
  });

  it('refuses the reply mark of a token, which is nobody, and of a case that does not exist', async () => {
    const caseId = await openCase();
    const byToken = await t.as('agent', { method: 'POST', url: `/api/cases/${caseId}/replying` });
    expect(byToken.statusCode).toBe(403);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/cases/no-such-case/replying',
      headers: await signIn('agent'),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('replays what a reconnecting client missed, and asks an unknown one to fetch again', async () => {
    const stream = await listen();
    const before = await openCase();
    const seen = await stream.waitFor((e) => e.type === 'case.created' && e.caseId === before);
    stream.close();
    // A witness stream tells when the process has heard of the missed case (NOTIFY arrives after
    // the commit), so the reconnect below finds it in the replay buffer rather than live.
    const witness = await listen();
    const missed = await openCase();
    await witness.waitFor((e) => e.type === 'case.created' && e.caseId === missed);
    witness.close();
    const back = await listen({ ...bearer, 'last-event-id': seen.id ?? '' });
    const replayed = await back.waitFor((e) => e.type === 'case.created' && e.caseId === missed);
    // Replayed frames come first, before the snapshot of who is replying where.
    expect(back.received.at(0)?.event).toEqual(replayed.event);
    expect(back.received.some((r) => r.event.type === 'case.created' && r.event.caseId === before)).toBe(
      false,
    );

    const stranger = await listen({ ...bearer, 'last-event-id': 'another-process.12' });
    expect((await stranger.waitFor(() => true)).event).toEqual({ type: 'resync' });
  });

  it('answers a client that is not signed in with 401, not a stream', async () => {
    const answer = await fetch(`${base}/api/events`);
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });
});

describe('a server with open event streams', () => {
  it('ends them when it closes, instead of waiting for the browsers to leave', async () => {
    const t = await createTestApp('pglite');
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const token = (await createToken(t.database.db, 'agent', 'closing test')).token;
    const stream = await connectEventStream(`${base}/api/events`, { authorization: `Bearer ${token}` });
    const ended = stream.waitFor(() => false, 30_000).catch((error: Error) => error.message);
    const started = performance.now();
    await t.close();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await ended).toMatch(/the stream ended/);
  });
});

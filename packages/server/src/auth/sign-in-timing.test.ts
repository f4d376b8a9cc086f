import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../db/database.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { openTestDatabase } from '../testing/test-app.ts';
import { addUser, setUserDisabled } from '../users/users.service.ts';
import { signIn } from './auth.service.ts';

const TRIES = 9;

/** The median time of a refused sign-in, in ms. */
async function medianRefusal(database: OpenDatabase, email: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < TRIES; i++) {
    const start = performance.now();
    await expect(signIn(database.db, email, 'a-wrong-password', new Date())).rejects.toThrow(
      'e-mail or password is wrong',
    );
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(TRIES / 2)] ?? Number.NaN;
}

describe('signing in', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await addUser(database.db, CLI_ACTOR, {
      name: 'Known',
      email: 'known@example.test',
      password: 'a-good-long-password',
      role: 'agent',
    });
    const leaver = await addUser(database.db, CLI_ACTOR, {
      name: 'Leaver',
      email: 'leaver@example.test',
      password: 'a-good-long-password',
      role: 'agent',
    });
    await setUserDisabled(database.db, CLI_ACTOR, leaver.id, true, new Date());
  });
  afterAll(() => database.close());

  // A wrong password costs an argon2 verify (tens of ms); without one, an unknown e-mail costs a single
  // query (about a millisecond). Half the known median leaves room for a busy machine either way.
  it('takes as long for an unknown or disabled e-mail as for a known one with a wrong password', async () => {
    await medianRefusal(database, 'warm-up@example.test');
    const known = await medianRefusal(database, 'known@example.test');
    const unknown = await medianRefusal(database, 'nobody@example.test');
    const disabled = await medianRefusal(database, 'leaver@example.test');
    expect(unknown).toBeGreaterThan(known / 2);
    expect(disabled).toBeGreaterThan(known / 2);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../db/database.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { openTestDatabase } from '../testing/test-app.ts';
import { addUser, setUserDisabled } from '../users/users.service.ts';
import { signIn } from './auth.service.ts';

const TRIES = 15;

async function refusalMs(database: OpenDatabase, email: string): Promise<number> {
  const start = performance.now();
  await expect(signIn(database.db, email, 'a-wrong-password', new Date())).rejects.toThrow(
    'e-mail or password is wrong',
  );
  return performance.now() - start;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * The median time of a refused sign-in per e-mail, in ms. The e-mails take turns, each round starting
 * with the next one, so a busy spell of the machine, or whatever the first of a round pays, slows each
 * of them alike instead of whichever was being timed.
 */
async function medianRefusals(database: OpenDatabase, emails: readonly string[]): Promise<number[]> {
  const times: number[][] = emails.map(() => []);
  for (let i = 0; i < TRIES; i++) {
    for (let j = 0; j < emails.length; j++) {
      const k = (i + j) % emails.length;
      times[k]?.push(await refusalMs(database, emails[k] as string));
    }
  }
  return times.map(median);
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
    await medianRefusals(database, ['warm-up@example.test']);
    const [known = 0, unknown = 0, disabled = 0] = await medianRefusals(database, [
      'known@example.test',
      'nobody@example.test',
      'leaver@example.test',
    ]);
    expect(unknown).toBeGreaterThan(known / 2);
    expect(disabled).toBeGreaterThan(known / 2);
  }, 60_000);
});

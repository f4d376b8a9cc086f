import { normaliseEmail } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Role } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { digest, hashPassword, isPasswordCorrect, newSecret } from './secrets.ts';

export const SESSION_DAYS = 14;

export interface StartedSession {
  cookie: string;
  csrfToken: string;
  actor: Extract<Actor, { kind: 'user' }>;
}

let dummyHash: Promise<string> | undefined;

/** A hash of a random password, verified against for an unknown or disabled account. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(newSecret());
  return dummyHash;
}

/**
 * Checks a password and opens a session; the same error for an unknown e-mail, a disabled account and a
 * wrong password. Each of them runs one argon2 verify, so the answer's timing does not tell which.
 */
export async function signIn(db: Db, email: string, password: string, now: Date): Promise<StartedSession> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  const isActive = user !== undefined && user.disabled_at === null;
  const passwordHash = isActive ? user.password_hash : await dummyPasswordHash();
  const isCorrect = await isPasswordCorrect(passwordHash, password);
  if (!user || !isActive || !isCorrect) {
    throw new AppError('unauthenticated', 'e-mail or password is wrong', undefined, {
      reason: 'credentials_wrong',
    });
  }
  const cookie = newSecret();
  const csrfToken = newSecret(24);
  await db
    .insertInto('sessions')
    .values({
      id: digest(cookie),
      user_id: user.id,
      csrf_token: csrfToken,
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
    })
    .execute();
  return {
    cookie,
    csrfToken,
    actor: { kind: 'user', id: user.id, name: user.name, email: user.email, role: user.role, via: 'session' },
  };
}

export async function signOut(db: Db, cookie: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', digest(cookie)).execute();
}

/**
 * Ends every session of a staff member, or every one but the cookie's own; sessions live in the database,
 * so this signs them out on every server process at once.
 */
export async function endSessionsOf(db: Db, userId: string, exceptCookie?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptCookie !== undefined) query = query.where('id', '!=', digest(exceptCookie));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes the sessions that expired (a background job); an expired one already lets nobody in. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface SessionActor {
  actor: Extract<Actor, { kind: 'user' }>;
  csrfToken: string;
}

export async function actorOfSession(db: Db, cookie: string, now: Date): Promise<SessionActor | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.role', 'sessions.csrf_token'])
    .where('sessions.id', '=', digest(cookie))
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    actor: { kind: 'user', id: row.id, name: row.name, email: row.email, role: row.role, via: 'session' },
    csrfToken: row.csrf_token,
  };
}

/**
 * How long a known API token is trusted without asking the database again: an API client sends the same
 * token with every request, and the lookup was a round trip of its own. A token revoked through this
 * process stops working at once (revokeToken calls forgetCachedToken); one revoked by another process, or
 * straight in the database, stops working here within this time.
 */
const TOKEN_CACHE_MS = 10_000;
const TOKEN_CACHE_ENTRIES = 1_000;
interface TokenCache {
  // Keyed by digest(token), which a revoke by id cannot compute: each entry keeps its token's id instead.
  entries: Map<string, { tokenId: string; actor: Actor; until: number }>;
  // Bumped by every revoke, so a lookup that read the database before the revoke does not cache its answer.
  revokes: number;
}
const tokenCaches = new WeakMap<Db, TokenCache>();

function tokenCacheOf(db: Db): TokenCache {
  let cache = tokenCaches.get(db);
  if (!cache) {
    cache = { entries: new Map(), revokes: 0 };
    tokenCaches.set(db, cache);
  }
  return cache;
}

/** actorOfToken remembered for TOKEN_CACHE_MS per database; unknown tokens are never remembered. */
export async function actorOfTokenCached(db: Db, token: string): Promise<Actor | null> {
  const cache = tokenCacheOf(db);
  const key = digest(token);
  const now = performance.now();
  const known = cache.entries.get(key);
  if (known && known.until > now) return known.actor;
  const revokes = cache.revokes;
  const actor = await actorOfToken(db, token);
  if (!actor) {
    cache.entries.delete(key);
    return null;
  }
  if (cache.revokes !== revokes) return actor;
  if (cache.entries.size >= TOKEN_CACHE_ENTRIES) cache.entries.clear();
  cache.entries.set(key, { tokenId: actor.id, actor, until: now + TOKEN_CACHE_MS });
  return actor;
}

/**
 * Drops a token from this process's cache for `db` (the database the requests authenticate on, not a
 * transaction of it), so a token revoked here fails on its very next request.
 */
export function forgetCachedToken(db: Db, tokenId: string): void {
  const cache = tokenCacheOf(db);
  cache.revokes += 1;
  for (const [key, entry] of cache.entries) {
    if (entry.tokenId === tokenId) cache.entries.delete(key);
  }
}

async function actorOfToken(db: Db, token: string): Promise<Extract<Actor, { kind: 'token' }> | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'role'])
    .where('token_hash', '=', digest(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { kind: 'token', id: row.id, role: row.role } : null;
}

/** Creates an API token with a role; the token is returned once and only its hash is kept. */
export async function createToken(
  db: Db,
  role: Role,
  label: string | null,
): Promise<{ id: string; token: string }> {
  const id = newId();
  const token = `cd_${newSecret()}`;
  await db
    .insertInto('api_tokens')
    .values({ id, token_hash: digest(token), role, label })
    .execute();
  return { id, token };
}

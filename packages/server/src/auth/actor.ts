import type { Role } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** Who is acting: a signed-in staff member, an API token, or the local CLI. */
export type Actor =
  | { kind: 'user'; id: string; name: string; email: string; role: Role; via: 'session' | 'token' }
  | { kind: 'token'; id: string; role: Role }
  | { kind: 'cli'; role: 'owner' };

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, owner: 3 };

export function hasRole(actor: Actor, least: Role): boolean {
  return RANK[actor.role] >= RANK[least];
}

export function requireRole(actor: Actor, least: Role, doing: string): void {
  if (!hasRole(actor, least)) {
    throw new AppError('forbidden', `only a ${least} or above may ${doing}; you are ${actor.role}`);
  }
}

/** The staff member behind an actor, for authorship columns; tokens and the CLI have none. */
export function userIdOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.id : null;
}

/** How an actor is written in the audit log. */
export function auditName(actor: Actor): string {
  if (actor.kind === 'user') return actor.id;
  if (actor.kind === 'token') return `token:${actor.id}`;
  return 'cli';
}

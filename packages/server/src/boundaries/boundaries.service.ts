import { LANGS, type Lang } from '@calmdesk/analysis';
import type {
  BoundaryDecision,
  BoundaryRule,
  NewBoundary,
  Recommendation,
  Standing,
} from '@calmdesk/contracts';
import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { auditName, requireRole } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { BoundaryDecisionsTable } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { letterDeliveries, queueLetter } from '../mail/outbox.service.ts';
import { type NewNotification, notify } from '../notifications/notifications.service.ts';
import type { EvidenceRecord } from '../profiles/client-types.ts';
import { DAY_MS, loadCustomerHistory, loadDecisions } from '../profiles/customer-history.ts';
import { getProfileRules, type ProfileRules } from '../profiles/profile-rules.ts';
import { getSettings } from '../settings/settings.service.ts';
import { type Letter, writeLetter } from './letters.ts';
import { computeStanding, isActive, recommendBoundaries } from './recommend-boundaries.ts';

type DecisionRow = Selectable<BoundaryDecisionsTable>;

async function presentDecisions(db: Db, rows: DecisionRow[], now: Date): Promise<BoundaryDecision[]> {
  const userIds = [...new Set(rows.flatMap((r) => [r.decided_by, r.revoked_by ?? '']).filter(Boolean))];
  const users =
    userIds.length === 0
      ? []
      : await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute();
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? null;
  const deliveries = await letterDeliveries(
    db,
    rows.filter((r) => r.letter !== null).map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    level: r.level,
    outcome: r.outcome,
    state:
      r.outcome === 'dismissed'
        ? 'dismissed'
        : r.revoked_at
          ? 'revoked'
          : isActive({ outcome: r.outcome, expiresAt: r.expires_at, revokedAt: r.revoked_at }, now)
            ? 'active'
            : 'expired',
    rule: r.rule as BoundaryRule | null,
    reason: r.reason,
    evidence: Array.isArray(r.evidence) ? (r.evidence as EvidenceRecord[]) : [],
    letter: r.letter ? (JSON.parse(r.letter) as Letter) : null,
    letterDelivery: deliveries.get(r.id) ?? null,
    decidedBy: { id: r.decided_by, name: nameOf(r.decided_by) },
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokedBy: r.revoked_by ? { id: r.revoked_by, name: nameOf(r.revoked_by) } : null,
    revokeReason: r.revoke_reason,
  }));
}

async function requireCustomer(db: Db, customerId: string) {
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'name', 'language'])
    .where('id', '=', customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!customer) throw notFound('customer', customerId);
  return customer;
}

/** The rules' current recommendations for a customer (never decisions). */
export async function listRecommendations(db: Db, customerId: string, now: Date): Promise<Recommendation[]> {
  return recommendWith(db, customerId, await getProfileRules(db), now);
}

async function recommendWith(
  db: Db,
  customerId: string,
  rules: ProfileRules,
  now: Date,
): Promise<Recommendation[]> {
  const history = await loadCustomerHistory(db, customerId, now, rules.types.valued.windowDays);
  return recommendBoundaries(history, await loadDecisions(db, customerId), rules, now);
}

/**
 * Tells the supervisors and owners of each boundary the rules now recommend for a customer whose cases
 * moved within `withinMs`: once per customer, rule and level (a recommendation dismissed or decided is
 * no longer made, so it is not told again). The answer is how many people were told.
 */
export async function announceRecommendations(db: Db, now: Date, withinMs: number): Promise<number> {
  const active = await db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .select(['customers.id', 'customers.name'])
    .distinct()
    .where('cases.updated_at', '>', new Date(now.getTime() - withinMs))
    // An erased customer has no history left to judge.
    .where('customers.erased_at', 'is', null)
    .execute();
  if (active.length === 0) return 0;
  const rules = await getProfileRules(db);
  const notices: NewNotification[] = [];
  for (const customer of active) {
    for (const recommendation of await recommendWith(db, customer.id, rules, now)) {
      notices.push({
        kind: 'boundary_recommended',
        to: { roles: ['supervisor', 'owner'] },
        title: customer.name,
        details: { customerId: customer.id, rule: recommendation.rule, level: recommendation.level },
        dedupeKey: `boundary_recommended:${customer.id}:${recommendation.rule}:${recommendation.level}`,
      });
    }
  }
  return notify(db, notices, now);
}

/** Every decision on a customer, newest first, dismissals included. */
export async function listBoundaries(db: Db, customerId: string, now: Date): Promise<BoundaryDecision[]> {
  await getCustomerOrThrow(db, customerId);
  const rows = await db
    .selectFrom('boundary_decisions')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return presentDecisions(db, rows, now);
}

async function getCustomerOrThrow(db: Db, customerId: string): Promise<void> {
  const found = await db.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst();
  if (!found) throw notFound('customer', customerId);
}

/** What a booking system asks before it takes a booking. */
export async function getStanding(db: Db, customerId: string, now: Date): Promise<Standing> {
  await getCustomerOrThrow(db, customerId);
  const rows = await db
    .selectFrom('boundary_decisions')
    .select(['id', 'level', 'reason', 'created_at', 'expires_at'])
    .where('customer_id', '=', customerId)
    .where('outcome', '=', 'confirmed')
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .execute();
  const rules = await getProfileRules(db);
  return computeStanding(
    rows.map((r) => ({
      id: r.id,
      level: r.level,
      reason: r.reason,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
    })),
    rules.boundaries.cancellations.depositPercent,
  );
}

/** A person confirms a boundary (supervisor or owner); the decision is audited and gets its letter. */
export async function decideBoundary(
  db: Db,
  actor: Actor,
  customerId: string,
  input: NewBoundary,
  now: Date,
): Promise<BoundaryDecision> {
  requireRole(actor, 'supervisor', 'set a boundary for a customer');
  return db.transaction().execute(async (trx) => {
    const customer = await requireCustomer(trx, customerId);
    const rules = await getProfileRules(trx);
    const settings = await getSettings(trx);
    const recommendation = input.rule
      ? (await recommendWith(trx, customerId, rules, now)).find((r) => r.rule === input.rule)
      : undefined;
    const expiresAt = resolveExpiry(input.expiresAt, rules.boundaries.expiryDays[input.level], now);
    const lang = input.language ?? (await letterLanguage(trx, customer, settings.languages));
    // The rule's wording fits the letter only when the person confirms the level it recommended.
    const fromRule = recommendation && recommendation.level === input.level ? recommendation : undefined;
    const letter = writeLetter({
      lang,
      level: input.level,
      rule: fromRule?.rule ?? null,
      params: fromRule?.params ?? {},
      reason: input.reason,
      customerName: customer.name,
      business: settings.name,
      depositPercent: rules.boundaries.cancellations.depositPercent,
      expiresAt,
      timeZone: settings.timeZone,
    });
    const evidence = input.evidence ?? recommendation?.evidence ?? [];
    const row = await trx
      .insertInto('boundary_decisions')
      .values({
        id: newId(),
        customer_id: customerId,
        level: input.level,
        outcome: 'confirmed',
        rule: input.rule ?? null,
        reason: input.reason,
        evidence: JSON.stringify(evidence),
        letter: letter ? JSON.stringify(letter) : null,
        decided_by: auditName(actor),
        created_at: now,
        expires_at: expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'boundary.confirm',
      targetType: 'customer',
      targetId: customerId,
      details: {
        decision: row.id,
        level: input.level,
        rule: input.rule ?? null,
        expiresAt: expiresAt?.toISOString() ?? null,
        evidence: evidence.map((e) => e.id),
      },
    });
    return (await presentDecisions(trx, [row], now))[0] as BoundaryDecision;
  });
}

function resolveExpiry(given: string | null | undefined, defaultDays: number | null, now: Date): Date | null {
  if (given === null) return null;
  if (given === undefined)
    return defaultDays === null ? null : new Date(now.getTime() + defaultDays * DAY_MS);
  const at = new Date(given);
  if (at.getTime() <= now.getTime()) {
    throw new AppError('bad_request', 'expiresAt must be in the future', 'expiresAt');
  }
  return at;
}

async function letterLanguage(
  db: Db,
  customer: { id: string; language: string | null },
  firmLanguages: string[],
): Promise<Lang> {
  const isLang = (l: unknown): l is Lang => LANGS.includes(l as Lang);
  if (isLang(customer.language)) return customer.language;
  const last = await db
    .selectFrom('interactions')
    .innerJoin('cases', 'cases.id', 'interactions.case_id')
    .select('interactions.analysis')
    .where('cases.customer_id', '=', customer.id)
    .where('interactions.kind', '=', 'inbound')
    .orderBy('interactions.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const detected = (last?.analysis as { lang?: unknown } | null | undefined)?.lang;
  if (isLang(detected)) return detected;
  const first = firmLanguages[0];
  return isLang(first) ? first : 'en';
}

/**
 * Sends a confirmed boundary's letter to the customer by e-mail (supervisor or owner). A letter already
 * on its way or delivered is not sent twice; one that failed may be sent again.
 */
export async function sendBoundaryLetter(
  db: Db,
  actor: Actor,
  decisionId: string,
  now: Date,
): Promise<BoundaryDecision> {
  requireRole(actor, 'supervisor', "send a boundary's letter");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('boundary_decisions')
      .selectAll()
      .where('id', '=', decisionId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('boundary decision', decisionId);
    if (!row.letter) throw new AppError('conflict', 'this decision has no letter to send');
    if (row.revoked_at) throw new AppError('conflict', 'this boundary was revoked: its letter is not sent');
    const sent = (await letterDeliveries(trx, [row.id])).get(row.id);
    if (sent && sent.state !== 'failed') {
      throw new AppError(
        'conflict',
        `the letter was already ${sent.state === 'sent' ? 'sent' : 'queued'} to ${sent.to}`,
      );
    }
    const letter = JSON.parse(row.letter) as Letter;
    await queueLetter(
      trx,
      { decisionId: row.id, customerId: row.customer_id, subject: letter.subject, body: letter.body },
      now,
    );
    await recordAudit(trx, actor, {
      action: 'boundary.letter_send',
      targetType: 'customer',
      targetId: row.customer_id,
      // The audit log is append-only: it names the decision, never the address (GDPR erasure reaches the outbox).
      details: { decision: row.id },
    });
    return (await presentDecisions(trx, [row], now))[0] as BoundaryDecision;
  });
}

/** A person turns a recommendation down; it stays quiet until new evidence arrives. */
export async function dismissRecommendation(
  db: Db,
  actor: Actor,
  customerId: string,
  rule: BoundaryRule,
  reason: string,
  now: Date,
): Promise<BoundaryDecision> {
  requireRole(actor, 'supervisor', 'dismiss a boundary recommendation');
  return db.transaction().execute(async (trx) => {
    await requireCustomer(trx, customerId);
    const recommendation = (await listRecommendations(trx, customerId, now)).find((r) => r.rule === rule);
    if (!recommendation) {
      throw new AppError(
        'conflict',
        `rule ${rule} recommends nothing for customer ${customerId} now`,
        'rule',
      );
    }
    const row = await trx
      .insertInto('boundary_decisions')
      .values({
        id: newId(),
        customer_id: customerId,
        level: recommendation.level,
        outcome: 'dismissed',
        rule,
        reason,
        evidence: JSON.stringify(recommendation.evidence),
        letter: null,
        decided_by: auditName(actor),
        created_at: now,
        expires_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'boundary.dismiss',
      targetType: 'customer',
      targetId: customerId,
      details: { decision: row.id, rule, level: recommendation.level },
    });
    return (await presentDecisions(trx, [row], now))[0] as BoundaryDecision;
  });
}

/** Lifts a confirmed decision early (supervisor or owner), with who and why. */
export async function revokeBoundary(
  db: Db,
  actor: Actor,
  id: string,
  reason: string,
  now: Date,
): Promise<BoundaryDecision> {
  requireRole(actor, 'supervisor', 'revoke a boundary');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('boundary_decisions')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('boundary decision', id);
    if (row.outcome !== 'confirmed')
      throw new AppError('conflict', `decision ${id} is a dismissal, not a boundary`);
    if (row.revoked_at) throw new AppError('conflict', `decision ${id} was revoked already`);
    if (!isActive({ outcome: row.outcome, expiresAt: row.expires_at, revokedAt: null }, now)) {
      throw new AppError('conflict', `decision ${id} has expired already`);
    }
    const updated = await trx
      .updateTable('boundary_decisions')
      .set({ revoked_at: now, revoked_by: auditName(actor), revoke_reason: reason })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'boundary.revoke',
      targetType: 'customer',
      targetId: row.customer_id,
      details: { decision: id, level: row.level },
    });
    return (await presentDecisions(trx, [updated], now))[0] as BoundaryDecision;
  });
}

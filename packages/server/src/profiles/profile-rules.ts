import { type ProfileRules, ProfileRulesSchema } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { AppError, reasonOfIssue } from '../errors.ts';
import { storeProfileRules } from '../settings/settings.service.ts';

export type { ProfileRules };

export const DEFAULT_PROFILE_RULES: ProfileRules = {
  lateCancelNoticeHours: 24,
  commitmentGraceHours: 24,
  types: {
    impatient: { windowDays: 90, repeatHours: 24, minSignals: 3 },
    nonPayer: { windowDays: 365, latePaymentDays: 14, minSignals: 2 },
    nitpicker: { windowDays: 365, minCases: 4, maxJustifiedShare: 0.25 },
    abusive: { windowDays: 365, minIncidents: 1 },
    disengaged: { windowDays: 365, silenceDays: 7, minSignals: 2 },
    serialCanceller: { windowDays: 180, minLate: 2 },
    refundSeeker: { lookbackDays: 365, lateAfterDays: 14 },
    // Seed 001: 80 % of revenue often comes from 20 % of customers.
    valued: { windowDays: 365, topShare: 0.2 },
  },
  boundaries: {
    // Seed 003: deposits and 10 % prepayment were tried; after the sixth cancelled visit, no more bookings.
    cancellations: { windowDays: 180, depositAt: 2, depositPercent: 10, blockAt: 6 },
    abuse: { windowDays: 365, warningAt: 1, endAt: 2, endOnViolence: true },
    overdue: { days: 30 },
    expiryDays: {
      note: 180,
      warning: 365,
      deposit_required: 180,
      prepayment_required: 90,
      booking_blocked: 365,
      ended: null,
    },
  },
};

export async function getProfileRules(db: Db): Promise<ProfileRules> {
  const row = await db
    .selectFrom('organisation')
    .select('profile_rules')
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row?.profile_rules) return DEFAULT_PROFILE_RULES;
  // Rules saved by an older version may lack newer keys: the defaults fill them in.
  const parsed = ProfileRulesSchema.safeParse(mergeDeep(DEFAULT_PROFILE_RULES, row.profile_rules));
  return parsed.success ? parsed.data : DEFAULT_PROFILE_RULES;
}

/** Merges a patch over the current rules (owner only); `null` resets everything to the defaults. */
export async function saveProfileRules(
  db: Db,
  actor: Actor,
  patch: Record<string, unknown> | null,
  now: Date,
): Promise<ProfileRules> {
  requireRole(actor, 'owner', 'change the profile rules');
  return db.transaction().execute(async (trx) => {
    const merged = patch === null ? DEFAULT_PROFILE_RULES : mergeDeep(await getProfileRules(trx), patch);
    const parsed = ProfileRulesSchema.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      throw new AppError(
        'bad_request',
        `${path}: ${issue?.message ?? 'invalid'}`,
        path,
        reasonOfIssue(issue),
      );
    }
    const stored = patch === null ? null : JSON.stringify(parsed.data);
    await storeProfileRules(trx, stored, now);
    await recordAudit(trx, actor, {
      action: 'profile_rules.save',
      targetType: 'organisation',
      details: patch === null ? { reset: true } : { changed: Object.keys(patch) },
    });
    return parsed.data;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = mergeDeep(base[key], value);
  return out;
}

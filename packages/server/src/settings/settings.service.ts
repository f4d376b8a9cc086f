import { resolutionTargetProblems, type Settings, SettingsSchema } from '@calmdesk/contracts';
import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import type { OrganisationTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export type { Settings };

export const DEFAULT_SETTINGS: Settings = {
  name: 'CalmDesk',
  languages: ['pl', 'et', 'en'],
  timeZone: 'Europe/Warsaw',
  businessHours: {
    days: {
      '1': ['09:00', '17:00'],
      '2': ['09:00', '17:00'],
      '3': ['09:00', '17:00'],
      '4': ['09:00', '17:00'],
      '5': ['09:00', '17:00'],
    },
  },
  holidays: [],
  // Seed 002: an angry customer needs two minutes to take it to the internet; answer them first.
  // Business minutes: a calm customer hears from us within one working day of eight hours.
  firstResponseMinutes: { calm: 8 * 60, upset: 4 * 60, angry: 60, hostile: 30 },
  nextResponseMinutes: { calm: 8 * 60, upset: 4 * 60, angry: 60, hostile: 30 },
  // Working days of eight hours: a calm case is settled within a week, a hostile one the same day.
  resolutionMinutes: { calm: 5 * 8 * 60, upset: 3 * 8 * 60, angry: 8 * 60, hostile: 4 * 60 },
  compensationPolicy: {
    prefer: ['repair', 'voucher', 'free_session', 'replacement', 'discount'],
    cashRefundLimit: 200,
    currency: 'PLN',
    otherCurrencyLimits: [],
  },
  retentionMonths: null,
};

/** A policy as stored: saved before limits in other currencies existed, it has none. */
type StoredCompensationPolicy = Omit<Settings['compensationPolicy'], 'otherCurrencyLimits'> &
  Partial<Pick<Settings['compensationPolicy'], 'otherCurrencyLimits'>>;

function compensationPolicyOf(stored: StoredCompensationPolicy): Settings['compensationPolicy'] {
  return { ...stored, otherCurrencyLimits: stored.otherCurrencyLimits ?? [] };
}

/** The organisation's settings; the defaults until someone saves them. */
export async function getSettings(db: Db): Promise<Settings> {
  const row = await db
    .selectFrom('organisation')
    .select(SETTINGS_COLUMNS)
    .where('id', '=', 1)
    .executeTakeFirst();
  return settingsOf(row);
}

/** The organisation columns the settings are made of, for queries that read them alongside other rows. */
export const SETTINGS_COLUMNS = [
  'organisation.name',
  'organisation.languages',
  'organisation.time_zone',
  'organisation.business_hours',
  'organisation.response_targets',
  'organisation.next_response_targets',
  'organisation.resolution_targets',
  'organisation.holidays',
  'organisation.compensation_policy',
  'organisation.retention_months',
] as const;

type FieldOf<Column> = Column extends `organisation.${infer Field}` ? Field : never;
type SettingsField = FieldOf<(typeof SETTINGS_COLUMNS)[number]>;
const SETTINGS_FIELDS: ReadonlySet<string> = new Set(
  SETTINGS_COLUMNS.map((column) => column.slice('organisation.'.length)),
);
type SettingsRow = { [K in SettingsField]: Selectable<OrganisationTable>[K] | null };

/** Settings from the organisation row; the defaults when there is none (a LEFT JOIN gives nulls). */
export function settingsOf(row: SettingsRow | undefined): Settings {
  if (!row || row.name === null) return DEFAULT_SETTINGS;
  return {
    name: row.name,
    languages: row.languages as Settings['languages'],
    timeZone: row.time_zone as string,
    businessHours: row.business_hours as Settings['businessHours'],
    holidays: (row.holidays ?? []) as Settings['holidays'],
    firstResponseMinutes: row.response_targets as Settings['firstResponseMinutes'],
    nextResponseMinutes: (row.next_response_targets ??
      DEFAULT_SETTINGS.nextResponseMinutes) as Settings['nextResponseMinutes'],
    resolutionMinutes: (row.resolution_targets ??
      DEFAULT_SETTINGS.resolutionMinutes) as Settings['resolutionMinutes'],
    compensationPolicy: compensationPolicyOf(row.compensation_policy as StoredCompensationPolicy),
    retentionMonths: row.retention_months ?? null,
  };
}

/** A row read with SETTINGS_COLUMNS beside other columns: its settings, and the rest of it. */
export function splitSettings<Row extends SettingsRow>(
  row: Row,
): { settings: Settings; rest: Omit<Row, SettingsField> } {
  const rest: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) if (!SETTINGS_FIELDS.has(column)) rest[column] = value;
  return { settings: settingsOf(row), rest: rest as Omit<Row, SettingsField> };
}

/**
 * Stores the profile rules (null: the defaults) on the organisation row, creating the row with the
 * default settings when there is none yet. The profile rules' own owner validates them.
 */
export async function storeProfileRules(db: Db, rules: string | null, now: Date): Promise<void> {
  await db
    .insertInto('organisation')
    .values({
      id: 1,
      name: DEFAULT_SETTINGS.name,
      languages: JSON.stringify(DEFAULT_SETTINGS.languages),
      time_zone: DEFAULT_SETTINGS.timeZone,
      business_hours: JSON.stringify(DEFAULT_SETTINGS.businessHours),
      response_targets: JSON.stringify(DEFAULT_SETTINGS.firstResponseMinutes),
      compensation_policy: JSON.stringify(DEFAULT_SETTINGS.compensationPolicy),
      profile_rules: rules,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ profile_rules: rules, updated_at: now }))
    .execute();
}

export async function saveSettings(
  db: Db,
  actor: Actor,
  patch: Partial<Settings>,
  now: Date,
): Promise<Settings> {
  requireRole(actor, 'owner', 'change the organisation settings');
  return db.transaction().execute(async (trx) => {
    const current = await getSettings(trx);
    const next = SettingsSchema.parse({ ...current, ...patch });
    refuseEarlyResolution(next, patch);
    const retentionChanged = next.retentionMonths !== current.retentionMonths;
    const values = {
      name: next.name,
      languages: JSON.stringify(next.languages),
      time_zone: next.timeZone,
      business_hours: JSON.stringify(next.businessHours),
      response_targets: JSON.stringify(next.firstResponseMinutes),
      next_response_targets: JSON.stringify(next.nextResponseMinutes),
      resolution_targets: JSON.stringify(next.resolutionMinutes),
      holidays: JSON.stringify(next.holidays),
      compensation_policy: JSON.stringify(next.compensationPolicy),
      retention_months: next.retentionMonths,
      // The retention job waits a week from here, so a shortened period erases nobody by surprise.
      ...(retentionChanged ? { retention_set_at: now } : {}),
      updated_at: now,
    };
    await trx
      .insertInto('organisation')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, actor, {
      action: 'settings.save',
      targetType: 'organisation',
      details: { changed: Object.keys(patch) },
    });
    return next;
  });
}

/**
 * A resolution target shorter than its level's first-response target is refused, named on the field
 * the patch changed (the resolution target, else the first-response one) with the other as its bound.
 */
function refuseEarlyResolution(next: Settings, patch: Partial<Settings>): void {
  const [level] = resolutionTargetProblems(next);
  if (level === undefined) return;
  const message = `the ${level} resolution target (${next.resolutionMinutes[level]} minutes) is shorter than its first-response target (${next.firstResponseMinutes[level]} minutes)`;
  if (patch.resolutionMinutes) {
    throw new AppError('bad_request', message, `body.resolutionMinutes.${level}`, {
      reason: 'resolution_before_first_response',
      limit: next.firstResponseMinutes[level],
    });
  }
  throw new AppError('bad_request', message, `body.firstResponseMinutes.${level}`, {
    reason: 'first_response_after_resolution',
    limit: next.resolutionMinutes[level],
  });
}

import { LEVELS, type Level } from '@calmdesk/analysis/vocabulary';
import type { ResolutionTargetRow, ServiceTrendPoint, ServiceTrends, TrendBucket } from '@calmdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import { businessMinutesBetween } from '../cases/business-time.ts';
import { calendarOf } from '../cases/sla.ts';
import type { Db } from '../db/database.ts';
import { getSettings, type Settings } from '../settings/settings.service.ts';
import type { Period } from './period.ts';

const DAY = 86_400_000;

/** Days for a month or less, weeks up to about half a year, months beyond. */
export function bucketOf(period: Period): TrendBucket {
  const days = (period.to.getTime() - period.from.getTime()) / DAY;
  if (days <= 35) return 'day';
  if (days <= 200) return 'week';
  return 'month';
}

interface Row {
  start: string;
  end: string;
  future: boolean;
  is_total: boolean;
  opened: number;
  backlog: number;
  responded: number;
  within_target: number;
  fr_median: number | null;
  fr_p90: number | null;
  resolved: number;
  reopened: number;
  res_median: number | null;
  res_p90: number | null;
}

/**
 * Case volume, backlog, first-response and resolution times and the reopen rate per day, week or month.
 *
 * A case's states come from what changed them: its opening, the status changes in the audit log (staff
 * marking it resolved or closed, or reopening it) and the customer's messages (one on a resolved case
 * reopens it). A resolution is a change from an open state to resolved/closed; a reopen the change back.
 * The backlog at an instant is the cases opened before it, less resolutions, plus reopens.
 */
export async function serviceTrends(
  db: Db,
  period: Period,
  now: Date,
): Promise<Omit<ServiceTrends, 'period'>> {
  const settings = await getSettings(db);
  const bucket = bucketOf(period);
  const tz = period.timeZone;
  const from = sql`${period.from.toISOString()}::timestamptz`;
  const to = sql`${period.to.toISOString()}::timestamptz`;
  const nowAt = sql`${now.toISOString()}::timestamptz`;
  const step = sql.raw(`interval '1 ${bucket}'`);
  const stateChanges = stateChangesCte();
  const unit = sql.lit(bucket);
  const { rows } = await sql<Row>`
    WITH slots AS (
      SELECT row_number() OVER (ORDER BY s)::int AS idx,
        greatest(s AT TIME ZONE ${tz}, ${from}) AS start_at,
        least((s + ${step}) AT TIME ZONE ${tz}, ${to}) AS end_at
      FROM generate_series(
        date_trunc(${unit}, ${from} AT TIME ZONE ${tz}),
        (${to} AT TIME ZONE ${tz}) - interval '1 microsecond',
        ${step}
      ) AS s
    ), starts AS (
      SELECT array_agg(start_at ORDER BY idx) AS starts FROM slots
    ), ${stateChanges}, opened AS (
      SELECT created_at AS at,
        extract(epoch FROM first_responded_at - created_at) / 60 AS minutes,
        first_responded_at <= first_response_due_at AS within_target
      FROM cases
      WHERE created_at < ${to}
    ), opened_by AS (
      -- Slot 0 is everything before the period: where the backlog starts from.
      SELECT width_bucket(o.at, st.starts) AS idx, count(*)::int AS opened,
        count(o.minutes)::int AS responded, count(*) FILTER (WHERE o.within_target)::int AS within_target,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY o.minutes) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY o.minutes) AS p90
      FROM opened AS o CROSS JOIN starts AS st
      GROUP BY 1
    ), changed_by AS (
      SELECT width_bucket(ch.at, st.starts) AS idx,
        count(*) FILTER (WHERE ch.done)::int AS resolved,
        count(*) FILTER (WHERE NOT ch.done)::int AS reopens,
        count(*) FILTER (WHERE ch.done AND ch.undone)::int AS reopened,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ch.minutes) FILTER (WHERE ch.done) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ch.minutes) FILTER (WHERE ch.done) AS p90
      FROM changes AS ch CROSS JOIN starts AS st
      WHERE ch.at < ${to}
      GROUP BY 1
    ), per_slot AS (
      SELECT s.idx, s.start_at, s.end_at,
        coalesce(o.opened, 0) AS opened, coalesce(o.responded, 0) AS responded,
        coalesce(o.within_target, 0) AS within_target, o.median AS fr_median, o.p90 AS fr_p90,
        coalesce(x.resolved, 0) AS resolved, coalesce(x.reopened, 0) AS reopened,
        x.median AS res_median, x.p90 AS res_p90,
        (sum(coalesce(o.opened, 0) - coalesce(x.resolved, 0) + coalesce(x.reopens, 0))
          OVER (ORDER BY s.idx))::int AS backlog
      FROM (SELECT 0 AS idx, NULL::timestamptz AS start_at, NULL::timestamptz AS end_at
            UNION ALL SELECT idx, start_at, end_at FROM slots) AS s
      LEFT JOIN opened_by AS o ON o.idx = s.idx
      LEFT JOIN changed_by AS x ON x.idx = s.idx
    ), total AS (
      SELECT ${from} AS start_at, ${to} AS end_at,
        (SELECT backlog FROM per_slot ORDER BY idx DESC LIMIT 1) AS backlog,
        o.*, x.*
      FROM (
        SELECT count(*)::int AS opened, count(o.minutes)::int AS responded,
          count(*) FILTER (WHERE o.within_target)::int AS within_target,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY o.minutes) AS fr_median,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY o.minutes) AS fr_p90
        FROM opened AS o WHERE o.at >= ${from}
      ) AS o CROSS JOIN (
        SELECT count(*)::int AS resolved, count(*) FILTER (WHERE ch.undone)::int AS reopened,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY ch.minutes) AS res_median,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY ch.minutes) AS res_p90
        FROM changes AS ch WHERE ch.done AND ch.at >= ${from} AND ch.at < ${to}
      ) AS x
    )
    SELECT to_char(start_at AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS start,
      to_char((end_at AT TIME ZONE ${tz}) - interval '1 microsecond', 'YYYY-MM-DD') AS end,
      start_at > ${nowAt} AS future, is_total, opened, backlog, responded, within_target,
      fr_median, fr_p90, resolved, reopened, res_median, res_p90
    FROM (
      SELECT start_at, end_at, false AS is_total, opened, backlog, responded, within_target,
        fr_median, fr_p90, resolved, reopened, res_median, res_p90
      FROM per_slot WHERE idx > 0
      UNION ALL
      SELECT start_at, end_at, true, opened, backlog, responded, within_target,
        fr_median, fr_p90, resolved, reopened, res_median, res_p90
      FROM total
    ) AS r
    ORDER BY is_total, start_at`.execute(db);
  const present = (r: Row): ServiceTrendPoint => {
    // A stretch still to come has no figures: drawn as a gap, never as a day without cases.
    const known = !r.future;
    const count = (value: number) => (known ? value : null);
    return {
      start: r.start,
      end: r.end,
      opened: count(r.opened),
      backlog: count(r.backlog),
      responded: count(r.responded),
      withinTarget: count(r.within_target),
      firstResponseMedian: roundMinutes(r.fr_median),
      firstResponseP90: roundMinutes(r.fr_p90),
      resolved: count(r.resolved),
      resolutionMedian: roundMinutes(r.res_median),
      resolutionP90: roundMinutes(r.res_p90),
      reopened: count(r.reopened),
      reopenRate: known && r.resolved > 0 ? r.reopened / r.resolved : null,
    };
  };
  const total = rows.find((r) => r.is_total);
  if (!total) throw new Error('the trends query returned no total');
  return {
    bucket,
    targets: {
      firstResponseMinutes: settings.firstResponseMinutes,
      resolutionMinutes: settings.resolutionMinutes,
    },
    points: rows.filter((r) => !r.is_total).map(present),
    total: present(total),
    resolutionTargets: resolutionTargetsMet(await resolutionsIn(db, period, stateChanges), settings),
  };
}

interface Resolution {
  opened_at: Date;
  resolved_at: Date;
  level: Level;
}

/** The resolutions in the period (as the trends count them), with the case's opening and highest level. */
async function resolutionsIn(
  db: Db,
  period: Period,
  stateChanges: RawBuilder<unknown>,
): Promise<Resolution[]> {
  const { rows } = await sql<Resolution>`
    WITH ${stateChanges}
    SELECT c.created_at AS opened_at, ch.at AS resolved_at, coalesce(c.peak_level, 'calm') AS level
    FROM changes AS ch JOIN cases AS c ON c.id = ch.case_id
    WHERE ch.done AND ch.at >= ${period.from.toISOString()}::timestamptz
      AND ch.at < ${period.to.toISOString()}::timestamptz`.execute(db);
  return rows;
}

/**
 * Per level and for all, how many resolutions came within the level's target: business minutes from
 * the case's opening, on the organisation's hours and holidays, as the response deadlines are counted.
 * A case without an analysed message (no level) is held to the calm target.
 */
export function resolutionTargetsMet(resolutions: Resolution[], settings: Settings): ResolutionTargetRow[] {
  const calendar = calendarOf(settings);
  const tally = new Map<Level | 'all', { resolved: number; withinTarget: number }>(
    [...LEVELS, 'all' as const].map((level) => [level, { resolved: 0, withinTarget: 0 }]),
  );
  for (const { opened_at, resolved_at, level } of resolutions) {
    const within =
      businessMinutesBetween(new Date(opened_at), new Date(resolved_at), calendar) <=
      settings.resolutionMinutes[level];
    for (const key of [level, 'all'] as const) {
      const counts = tally.get(key);
      if (!counts) continue;
      counts.resolved += 1;
      if (within) counts.withinTarget += 1;
    }
  }
  return [...tally].map(([level, { resolved, withinTarget }]) => ({
    level,
    resolved,
    withinTarget,
    share: resolved > 0 ? withinTarget / resolved : null,
  }));
}

function roundMinutes(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value) * 10) / 10;
}

/**
 * The CTEs ending in `changes`: each time a case turned resolved (`done`) or open again, with the minutes
 * since its opening and whether it was undone later. Follows a `WITH …, ` (it starts with its own name).
 */
function stateChangesCte() {
  return sql`status_changes AS (
      SELECT a.target_id AS case_id, a.at, (a.details->>'status') IN ('resolved', 'closed') AS done, 1 AS ord
      FROM audit_log AS a
      WHERE a.target_type = 'case' AND a.action IN ('case.update', 'case.escalate') AND a.details ? 'status'
        AND a.target_id IN (SELECT id FROM cases)
    ), events AS (
      SELECT id AS case_id, created_at AS at, false AS done, 0 AS ord FROM cases
      UNION ALL
      SELECT case_id, at, done, ord FROM status_changes
      UNION ALL
      -- A message from the customer turns a resolved case back into an open one.
      SELECT i.case_id, i.created_at, false, 2 FROM interactions AS i
      WHERE i.kind = 'inbound' AND i.case_id IN (SELECT case_id FROM status_changes WHERE done)
    ), states AS (
      SELECT case_id, at, done,
        coalesce(lag(done) OVER (PARTITION BY case_id ORDER BY at, ord), false) AS was_done
      FROM events
    ), changes AS (
      SELECT s.case_id, s.at, s.done,
        lead(s.at) OVER (PARTITION BY s.case_id ORDER BY s.at) IS NOT NULL AS undone,
        extract(epoch FROM s.at - c.created_at) / 60 AS minutes
      FROM states AS s JOIN cases AS c ON c.id = s.case_id
      WHERE s.done <> s.was_done
    )`;
}

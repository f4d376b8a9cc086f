import type { CaseBulk, CaseBulkResult, CaseDetail } from '@calmdesk/contracts';
import type { Actor } from '../auth/actor.ts';
import { updateCase } from '../cases/cases.service.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';

/**
 * One change to many cases, each by `updateCase` — the rules, the audit entry and the notices of
 * `PATCH /api/cases/{id}` — in its own transaction, one after another: a case that refuses (gone, an
 * assignee who left) is reported and the rest go on. `onChanged` hears each case that took it.
 */
export async function changeCases(
  db: Db,
  actor: Actor,
  bulk: CaseBulk,
  now: Date,
  onChanged: (updated: CaseDetail) => Promise<void>,
): Promise<CaseBulkResult> {
  const results: CaseBulkResult['results'] = [];
  for (const id of bulk.ids) {
    try {
      await onChanged(await updateCase(db, actor, id, bulk.change, now));
      results.push({ id, ok: true, error: null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  const failed = results.filter((result) => !result.ok).length;
  return { results, changed: results.length - failed, failed };
}

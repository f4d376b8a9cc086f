import type { Migration } from 'kysely';
import * as cases from './0001-cases.ts';
import * as profiles from './0002-profiles.ts';
import * as analytics from './0003-analytics.ts';
import * as logEnd from './0004-log-end.ts';
import * as caseVersion from './0005-case-version.ts';
import * as exactMoney from './0006-exact-money.ts';
import * as mail from './0007-mail.ts';
import * as mailOutbox from './0008-mail-outbox.ts';
import * as smtpIntake from './0009-smtp-intake.ts';
import * as notifications from './0010-notifications.ts';
import * as sla from './0011-sla.ts';
import * as jobs from './0012-jobs.ts';
import * as rateLimits from './0013-rate-limits.ts';
import * as problemCodes from './0014-problem-codes.ts';
import * as training from './0015-training.ts';
import * as evidenceLog from './0016-evidence-log.ts';
import * as gdpr from './0017-gdpr.ts';
import * as idempotencyKeys from './0018-idempotency-keys.ts';
import * as caseWork from './0019-case-work.ts';
import * as repliesAndForms from './0020-replies-and-forms.ts';
import * as search from './0021-search.ts';
import * as inbox from './0022-inbox.ts';
import * as revenueRanks from './0024-revenue-ranks.ts';
import * as resolutionTargets from './0025-resolution-targets.ts';
import * as auditChainPerTransaction from './0026-audit-chain-per-transaction.ts';
import * as caseSearchPerStatement from './0027-case-search-per-statement.ts';

/** Every migration, in order. Names never change once released: they are recorded in the database. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-cases': cases,
  '0002-profiles': profiles,
  '0003-analytics': analytics,
  '0004-log-end': logEnd,
  '0005-case-version': caseVersion,
  '0006-exact-money': exactMoney,
  '0007-mail': mail,
  '0008-mail-outbox': mailOutbox,
  '0009-smtp-intake': smtpIntake,
  '0010-notifications': notifications,
  '0011-sla': sla,
  '0012-jobs': jobs,
  '0013-rate-limits': rateLimits,
  '0014-problem-codes': problemCodes,
  '0015-training': training,
  '0016-evidence-log': evidenceLog,
  '0017-gdpr': gdpr,
  '0018-idempotency-keys': idempotencyKeys,
  '0019-case-work': caseWork,
  '0020-replies-and-forms': repliesAndForms,
  '0021-search': search,
  '0022-inbox': inbox,
  '0024-revenue-ranks': revenueRanks,
  '0025-resolution-targets': resolutionTargets,
  '0026-audit-chain-per-transaction': auditChainPerTransaction,
  '0027-case-search-per-statement': caseSearchPerStatement,
};

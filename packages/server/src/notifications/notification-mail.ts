import type { Lang } from '@calmdesk/analysis';
import type { Db } from '../db/database.ts';
import type { JobDefinition } from '../jobs/job-runner.ts';
import { queueStaffMail } from '../mail/outbox.service.ts';
import { announceQueuedMail } from '../mail/outbox-signal.ts';
import { getSettings } from '../settings/settings.service.ts';
import { NOTIFICATION_SUBJECT, NOTIFICATION_TEXTS } from './notification-texts.ts';
import { claimNotificationsToMail } from './notifications.service.ts';

const BATCH = 50;

/**
 * Queues the notifications people asked to get by e-mail: one mail each, from the first mailbox that can
 * send, in the business's first language, marked automatic. Claimed and queued in one transaction, so
 * a crash neither loses one nor mails it twice. Without a mailbox that sends, they stay in the app only.
 * The answer is how many were queued.
 */
export async function queueNotificationMail(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await claimNotificationsToMail(trx, BATCH);
    if (claimed.length === 0) return 0;
    const [users, settings] = await Promise.all([
      trx
        .selectFrom('users')
        .select(['id', 'email'])
        .where('id', 'in', [...new Set(claimed.map((n) => n.user_id))])
        .execute(),
      getSettings(trx),
    ]);
    const emailOf = new Map(users.map((u) => [u.id, u.email]));
    const lang = (['pl', 'et', 'en'] as const).find((l) => l === settings.languages[0]) ?? 'en';
    let queued = 0;
    for (const notification of claimed) {
      const to = emailOf.get(notification.user_id);
      if (!to) continue;
      const sentence = NOTIFICATION_TEXTS[lang as Lang][notification.kind](
        notification.title,
        notification.details,
      );
      const reference = notification.case_id ? ` [#${notification.case_id.slice(0, 8)}]` : '';
      const sent = await queueStaffMail(
        trx,
        {
          to,
          subject: `${NOTIFICATION_SUBJECT[lang]}${reference}`,
          body: `${sentence}\n\n-- \n${settings.name}`,
        },
        now,
      );
      if (sent) queued++;
    }
    return queued;
  });
}

/**
 * The background job that queues notification e-mails, every few seconds; what it queued is then
 * delivered at once (announced to this process's delivery).
 */
export function notificationMailJob(db: Db, now: () => Date, everyMs = 5_000): JobDefinition {
  return {
    name: 'notifications.mail',
    everyMs,
    maxAttempts: 3,
    retryMs: 2_000,
    async run() {
      let queued = 0;
      for (let round = 0; round < 100; round++) {
        const n = await queueNotificationMail(db, now());
        queued += n;
        if (n < BATCH) break;
      }
      if (queued > 0) announceQueuedMail();
    },
  };
}

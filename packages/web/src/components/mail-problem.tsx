import type { ConnectionProblem, Delivery, DeliveryProblem, MailProblem } from '@calmdesk/contracts';
import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';

/**
 * The sentences for each mail problem code, in the reader's language. A failure stored before the codes
 * has only its English reason, which is then all there is to show.
 */
export const mailProblemKeys = {
  mailbox: (problem: ConnectionProblem) => `channels.mailboxProblem.${problem}` as const,
  mail: (problem: MailProblem) => `channels.mailProblem.${problem}` as const,
  delivery: (problem: DeliveryProblem) => `mail.problem.${problem}` as const,
};

/** Why a mailbox is failing: its code said in the reader's language, else the stored reason. */
export function mailboxProblemText(
  t: TFunction,
  mailbox: { lastProblem: ConnectionProblem | null; lastError: string | null },
): string | null {
  return mailbox.lastProblem ? t(mailProblemKeys.mailbox(mailbox.lastProblem)) : mailbox.lastError;
}

/** Why a mail could not be taken into a case. */
export function failedMailText(
  t: TFunction,
  mail: { problem: MailProblem | null; reason: string | null },
): string | null {
  return mail.problem ? t(mailProblemKeys.mail(mail.problem)) : mail.reason;
}

/** Why a mail was not delivered, as the end of "Not delivered to …: ". */
export function deliveryProblemText(t: TFunction, delivery: Delivery): string {
  if (delivery.problem) return t(mailProblemKeys.delivery(delivery.problem));
  return delivery.reason ?? t('common.none');
}

/** The server's own words under the sentence, small and dimmed: for whoever fixes the server. */
export function ProblemDetail({ detail }: { detail: string | null | undefined }) {
  if (!detail) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="problem-detail" style={{ overflowWrap: 'anywhere' }}>
      {detail}
    </Text>
  );
}

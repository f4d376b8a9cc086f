import type { Attachment, Delivery } from '@calmdesk/contracts';
import { Anchor, Badge, Group, Image, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { deliveryProblemText, ProblemDetail } from '../../components/mail-problem.tsx';
import { type Formatters, useFormat } from '../../format/use-format.ts';

/** Pictures the server shows in place (it checks their bytes too); anything else is a download. */
const PREVIEWED = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const attachmentUrl = (id: string) => `/api/attachments/${id}`;

function fileSize(bytes: number, format: Formatters): string {
  if (bytes < 1024) return format.number(bytes, { style: 'unit', unit: 'byte', unitDisplay: 'short' });
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return format.number(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
}

function AttachmentItem({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = attachment.filename ?? t('mail.unnamed');
  const size = fileSize(attachment.size, format);
  const isPicture = attachment.stored && PREVIEWED.has(attachment.contentType.toLowerCase());
  return (
    <Paper
      withBorder
      p={6}
      data-testid="attachment"
      data-stored={attachment.stored}
      style={{ maxWidth: '100%', minWidth: 0 }}
    >
      <Group gap="xs" wrap="nowrap" align="center">
        {isPicture && (
          <Anchor
            href={attachmentUrl(attachment.id)}
            target="_blank"
            rel="noopener"
            style={{ flexShrink: 0 }}
          >
            <Image
              src={attachmentUrl(attachment.id)}
              alt={name}
              w={64}
              h={64}
              fit="cover"
              radius="sm"
              loading="lazy"
            />
          </Anchor>
        )}
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
          <Text size="xs" c="dimmed">
            {size}
          </Text>
          {attachment.stored ? (
            <Anchor size="xs" href={`${attachmentUrl(attachment.id)}?download=1`} download>
              {t('mail.download')}
            </Anchor>
          ) : (
            <Text size="xs" c="dimmed" fs="italic" data-testid="not-kept">
              {t('mail.notKept')}
            </Text>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

/** Under a customer's mail: the files it came with and the mail itself, as it arrived. */
export function MailFiles({ mail }: { mail: { id: string; attachments: Attachment[] } }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} mt="xs" data-testid="mail-files">
      {mail.attachments.length > 0 && (
        <>
          <Text size="xs" c="dimmed" fw={600}>
            {t('mail.attachments', { count: mail.attachments.length })}
          </Text>
          <Group gap="xs" align="stretch">
            {mail.attachments.map((attachment) => (
              <AttachmentItem key={attachment.id} attachment={attachment} />
            ))}
          </Group>
        </>
      )}
      <Anchor size="xs" href={`/api/mail/${mail.id}/raw`} download data-testid="original-mail">
        {t('mail.original')}
      </Anchor>
    </Stack>
  );
}

const DELIVERY_COLORS: Record<Delivery['state'], string> = { queued: 'gray', sent: 'teal', failed: 'red' };

/** How a reply sent by e-mail fares: queued, sent, or not delivered with the reason. */
export function DeliveryBadge({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = t(`mail.delivery.${delivery.state}`);
  const detail =
    delivery.state === 'sent' && delivery.sentAt
      ? t('mail.sentTo', { to: delivery.to, at: format.dateTime(delivery.sentAt) })
      : delivery.state === 'failed'
        ? t('mail.failedTo', { to: delivery.to, reason: deliveryProblemText(t, delivery) })
        : t('mail.queuedTo', { to: delivery.to, attempts: delivery.attempts });
  return (
    <Tooltip label={detail} multiline maw={320} events={{ hover: true, focus: true, touch: true }}>
      <Badge
        color={DELIVERY_COLORS[delivery.state]}
        variant={delivery.state === 'failed' ? 'filled' : 'light'}
        data-testid="delivery"
        data-state={delivery.state}
        tabIndex={0}
        aria-label={`${label}: ${detail}`}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

/**
 * The reason a reply was not delivered, in full under the entry (a tooltip alone is missed on a phone):
 * in the reader's language, with the mail server's own words under it.
 */
export function DeliveryFailure({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  if (delivery.state !== 'failed') return null;
  return (
    <Stack gap={2} mt="xs" data-testid="delivery-failure" data-problem={delivery.problem ?? undefined}>
      <Text size="sm" c="var(--calm-text-error)" style={{ overflowWrap: 'anywhere' }}>
        {t('mail.failedTo', { to: delivery.to, reason: deliveryProblemText(t, delivery) })}
      </Text>
      {delivery.problem && <ProblemDetail detail={delivery.detail} />}
    </Stack>
  );
}

import type { BoundaryDecision, BoundaryLevel, Letter, Recommendation } from '@calmdesk/contracts';
import {
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, formErrors } from '../../api/errors.ts';
import { DateField } from '../../components/date-field.tsx';
import { endOfDayIn, useFormat } from '../../format/use-format.ts';
import { useSession } from '../auth/session.ts';
import { DeliveryBadge, DeliveryFailure } from '../case/mail-parts.tsx';
import { useSettings } from '../settings/use-settings.ts';
import { EvidenceList } from './customer-profile.tsx';
import { recommendationReason } from './sentences.ts';
import {
  useBoundaries,
  useConfirmBoundary,
  useDismissRecommendation,
  useRecommendations,
  useRevokeBoundary,
  useSendLetter,
  useStanding,
} from './use-profile.ts';

export const LEVEL_COLORS: Record<BoundaryLevel | 'none', string> = {
  none: 'teal',
  note: 'gray',
  warning: 'yellow',
  deposit_required: 'orange',
  prepayment_required: 'orange',
  booking_blocked: 'red',
  ended: 'red',
};

const STATE_COLORS: Record<BoundaryDecision['state'], string> = {
  active: 'red',
  expired: 'gray',
  revoked: 'gray',
  dismissed: 'gray',
};

function BoundaryBadge({ level }: { level: BoundaryLevel | 'none' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={LEVEL_COLORS[level]}
      variant={level === 'none' ? 'light' : 'filled'}
      styles={{ label: { overflow: 'visible' } }}
    >
      {t(`boundary.level.${level}`)}
    </Badge>
  );
}

function useCanDecide(): boolean {
  const role = useSession().data?.user.role;
  return role === 'supervisor' || role === 'owner';
}

export function LetterView({ letter, decision }: { letter: Letter; decision?: BoundaryDecision }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="boundary-letter">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('boundary.letterLanguage', { language: t(`language.${letter.lang}`) })}
        </Text>
        <Group gap="xs">
          {decision && <SendLetterButton decision={decision} />}
          <CopyButton value={`${letter.subject}\n\n${letter.body}`}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" color={copied ? 'teal' : 'blue'} onClick={copy}>
                {copied ? t('boundary.copied') : t('boundary.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Group>
      {decision?.letterDelivery && (
        <Group gap="xs">
          <Text size="sm">{t('boundary.letterByMail')}</Text>
          <DeliveryBadge delivery={decision.letterDelivery} />
        </Group>
      )}
      {decision?.letterDelivery && <DeliveryFailure delivery={decision.letterDelivery} />}
      <Text size="sm" fw={600} lang={letter.lang}>
        {t('boundary.subject')}: {letter.subject}
      </Text>
      <Paper withBorder p="sm" bg="var(--calm-surface-muted)">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lang={letter.lang}>
          {letter.body}
        </Text>
      </Paper>
    </Stack>
  );
}

/** Sends the letter by e-mail: offered while the boundary is in force and the letter is not on its way. */
function SendLetterButton({ decision }: { decision: BoundaryDecision }) {
  const { t } = useTranslation();
  const canDecide = useCanDecide();
  const send = useSendLetter(decision.customerId);
  const delivery = send.data?.letterDelivery ?? decision.letterDelivery;
  if (!canDecide || decision.state !== 'active' || (delivery && delivery.state !== 'failed')) return null;
  return (
    <Stack gap={4} align="flex-end">
      <Button size="xs" loading={send.isPending} onClick={() => send.mutate(decision.id)}>
        {delivery ? t('boundary.sendAgain') : t('boundary.sendByMail')}
      </Button>
      {send.error && (
        <Text size="xs" c="red" role="alert">
          {errorText(t, send.error)}
        </Text>
      )}
    </Stack>
  );
}

function ConfirmForm({
  customerId,
  recommendation,
  onClose,
}: {
  customerId: string;
  recommendation: Recommendation;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const confirm = useConfirmBoundary(customerId);
  const [reason, setReason] = useState(() => recommendationReason(t, format, recommendation));
  const [expires, setExpires] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const timeZone = settings.data?.timeZone ?? 'UTC';
    confirm.mutate({
      level: recommendation.level,
      rule: recommendation.rule,
      reason: reason.trim(),
      evidence: recommendation.evidence,
      ...(expires ? { expiresAt: endOfDayIn(expires, timeZone) } : {}),
    });
  };
  if (confirm.data) {
    return (
      <Stack>
        <Alert color="teal" title={t(`boundary.level.${confirm.data.level}`)}>
          {confirm.data.expiresAt
            ? t('boundary.until', { date: format.date(confirm.data.expiresAt) })
            : t('boundary.untilRevoked')}
        </Alert>
        {confirm.data.letter && (
          <>
            <Title order={3} size="h5">
              {t('boundary.letter')}
            </Title>
            <LetterView letter={confirm.data.letter} decision={confirm.data} />
          </>
        )}
        <Button onClick={onClose} w="fit-content">
          {t('common.close')}
        </Button>
      </Stack>
    );
  }
  return (
    <form onSubmit={submit}>
      <Stack>
        <Textarea
          label={t('boundary.reason')}
          description={t('boundary.reasonHint')}
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <DateField
          label={t('boundary.expiresAt')}
          description={t('boundary.expiresHint')}
          clearable
          value={expires}
          onChange={setExpires}
        />
        {confirm.isError && <Alert color="red">{errorText(t, confirm.error)}</Alert>}
        <Group>
          <Button type="submit" loading={confirm.isPending} disabled={!reason.trim()}>
            {t('boundary.confirmSubmit')}
          </Button>
          <Button variant="subtle" onClick={onClose}>
            {t('boundary.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A short form asking why: dismissing a recommendation and revoking a decision both need a reason. */
function ReasonForm({
  label,
  submitLabel,
  error,
  isPending,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  error: Error | null;
  isPending: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const errors = formErrors(t, error, ['reason']);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(reason.trim());
      }}
    >
      <Stack>
        <Textarea
          label={label}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.at('reason')}
          data-autofocus
        />
        {errors.above && <Alert color="red">{errors.above}</Alert>}
        <Group>
          <Button type="submit" color="red" variant="light" loading={isPending} disabled={!reason.trim()}>
            {submitLabel}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('boundary.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RecommendationCard({
  rec,
  onDecide,
}: {
  rec: Recommendation;
  onDecide: (rec: Recommendation, action: 'confirm' | 'dismiss') => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const canDecide = useCanDecide();
  return (
    <Paper withBorder p="sm" data-testid="recommendation" data-rule={rec.rule} data-level={rec.level}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <BoundaryBadge level={rec.level} />
          {canDecide && (
            <Group gap="xs">
              <Button size="xs" onClick={() => onDecide(rec, 'confirm')}>
                {t('boundary.confirm')}
              </Button>
              <Button size="xs" variant="default" onClick={() => onDecide(rec, 'dismiss')}>
                {t('boundary.dismiss')}
              </Button>
            </Group>
          )}
        </Group>
        <Text size="sm">{recommendationReason(t, format, rec)}</Text>
        {rec.evidence.length > 0 && <EvidenceList evidence={rec.evidence} />}
      </Stack>
    </Paper>
  );
}

/** The dialogs live above the list: a confirmed recommendation leaves the list, its letter must stay. */
function DecideDialogs({
  customerId,
  decision,
  onClose,
}: {
  customerId: string;
  decision: { rec: Recommendation; action: 'confirm' | 'dismiss' } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dismiss = useDismissRecommendation(customerId);
  const rec = decision?.rec;
  return (
    <>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={decision?.action === 'confirm'}
        onClose={onClose}
        title={rec ? t('boundary.confirmTitle', { level: t(`boundary.level.${rec.level}`) }) : ''}
        size="lg"
      >
        {rec && decision?.action === 'confirm' && (
          <ConfirmForm customerId={customerId} recommendation={rec} onClose={onClose} />
        )}
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={decision?.action === 'dismiss'}
        onClose={onClose}
        title={t('boundary.dismissTitle')}
      >
        {rec && (
          <ReasonForm
            label={t('boundary.dismissReason')}
            submitLabel={t('boundary.dismiss')}
            error={dismiss.error}
            isPending={dismiss.isPending}
            onSubmit={(reason) => dismiss.mutate({ rule: rec.rule, reason }, { onSuccess: onClose })}
            onCancel={onClose}
          />
        )}
      </Modal>
    </>
  );
}

export function BoundariesSection({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canDecide = useCanDecide();
  const standing = useStanding(customerId);
  const recommendations = useRecommendations(customerId);
  const [decision, setDecision] = useState<{ rec: Recommendation; action: 'confirm' | 'dismiss' } | null>(
    null,
  );
  const s = standing.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="boundaries-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="boundaries-title">
          {t('boundary.title')}
        </Title>
        {standing.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {s && (
          <Stack gap={4} data-testid="standing" data-level={s.level}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {t('boundary.standing')}:
              </Text>
              <BoundaryBadge level={s.level} />
              <Badge
                variant="outline"
                color={s.canBookOnline ? 'teal' : 'red'}
                styles={{ label: { overflow: 'visible' } }}
              >
                {s.canBookOnline ? t('boundary.canBook') : t('boundary.cannotBook')}
              </Badge>
            </Group>
            {s.depositRequired !== false && (
              <Text size="sm" data-testid="standing-deposit">
                {t('boundary.deposit', { percent: format.number(s.depositRequired) })}
              </Text>
            )}
            {s.prepaymentRequired && <Text size="sm">{t('boundary.prepayment')}</Text>}
            {s.reasons.map((r) => (
              <Text key={r.decisionId} size="xs" c="dimmed">
                {t(`boundary.level.${r.level}`)} ·{' '}
                {r.expiresAt
                  ? t('boundary.until', { date: format.date(r.expiresAt) })
                  : t('boundary.untilRevoked')}{' '}
                · {r.reason}
              </Text>
            ))}
          </Stack>
        )}
        <Title order={3} size="h5">
          {t('boundary.recommendations')}
        </Title>
        <Text size="xs" c="dimmed">
          {canDecide ? t('boundary.neverAutomatic') : t('boundary.supervisorOnly')}
        </Text>
        {recommendations.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {recommendations.isError && <Alert color="red">{errorText(t, recommendations.error)}</Alert>}
        {recommendations.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('boundary.noRecommendations')}
          </Text>
        )}
        {recommendations.data?.items.map((rec) => (
          <RecommendationCard
            key={rec.rule}
            rec={rec}
            onDecide={(r, action) => setDecision({ rec: r, action })}
          />
        ))}
        <DecideDialogs customerId={customerId} decision={decision} onClose={() => setDecision(null)} />
      </Stack>
    </Paper>
  );
}

function DecisionItem({ customerId, decision }: { customerId: string; decision: BoundaryDecision }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canDecide = useCanDecide();
  const [open, setOpen] = useState<'revoke' | 'letter' | null>(null);
  const revoke = useRevokeBoundary(customerId);
  return (
    <Paper withBorder p="sm" data-testid="decision" data-state={decision.state}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            <BoundaryBadge level={decision.level} />
            <Badge
              variant="outline"
              color={STATE_COLORS[decision.state]}
              styles={{ label: { overflow: 'visible' } }}
            >
              {t(`boundary.state.${decision.state}`)}
            </Badge>
            {decision.state === 'active' && (
              <Text size="xs" c="dimmed">
                {decision.expiresAt
                  ? t('boundary.until', { date: format.date(decision.expiresAt) })
                  : t('boundary.untilRevoked')}
              </Text>
            )}
          </Group>
          <Group gap="xs">
            {decision.letter && (
              <Button size="xs" variant="subtle" onClick={() => setOpen('letter')}>
                {t('boundary.showLetter')}
              </Button>
            )}
            {canDecide && decision.state === 'active' && (
              <Button size="xs" variant="light" color="red" onClick={() => setOpen('revoke')}>
                {t('boundary.revoke')}
              </Button>
            )}
          </Group>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {decision.reason}
        </Text>
        <Text size="xs" c="dimmed">
          {t('boundary.decided', {
            name: decision.decidedBy.name ?? t('common.none'),
            date: format.dateTime(decision.createdAt),
          })}
        </Text>
        {decision.revokedAt && (
          <Text size="xs" c="dimmed">
            {t('boundary.revoked', {
              name: decision.revokedBy?.name ?? t('common.none'),
              date: format.dateTime(decision.revokedAt),
              reason: decision.revokeReason ?? '',
            })}
          </Text>
        )}
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={open === 'revoke'}
        onClose={() => setOpen(null)}
        title={t('boundary.revokeTitle')}
      >
        <ReasonForm
          label={t('boundary.revokeReason')}
          submitLabel={t('boundary.revoke')}
          error={revoke.error}
          isPending={revoke.isPending}
          onSubmit={(reason) =>
            revoke.mutate({ decisionId: decision.id, reason }, { onSuccess: () => setOpen(null) })
          }
          onCancel={() => setOpen(null)}
        />
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={open === 'letter'}
        onClose={() => setOpen(null)}
        title={t('boundary.letter')}
        size="lg"
      >
        {decision.letter && <LetterView letter={decision.letter} decision={decision} />}
      </Modal>
    </Paper>
  );
}

export function DecisionHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const boundaries = useBoundaries(customerId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decisions-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="decisions-title">
          {t('boundary.history')}
        </Title>
        {boundaries.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {boundaries.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('boundary.noHistory')}
          </Text>
        )}
        {boundaries.data?.items.map((d) => (
          <DecisionItem key={d.id} customerId={customerId} decision={d} />
        ))}
      </Stack>
    </Paper>
  );
}

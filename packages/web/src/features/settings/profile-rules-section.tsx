import type { ProfileRules } from '@calmdesk/contracts';
import { BOUNDARY_LEVELS } from '@calmdesk/contracts/enums';
import {
  Alert,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';

const RULES_KEY = ['settings', 'profile-rules'] as const;

/** The thresholds behind client types and boundary recommendations; only the owner may change them. */
export function ProfileRulesSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const rules = useQuery({
    queryKey: RULES_KEY,
    queryFn: () => api<ProfileRules>('GET', '/api/settings/profile-rules'),
  });
  const [draft, setDraft] = useState<ProfileRules | null>(null);
  useEffect(() => setDraft(rules.data ?? null), [rules.data]);
  const save = useMutation({
    mutationFn: (body: Pick<ProfileRules, 'lateCancelNoticeHours' | 'boundaries'> | null) =>
      body
        ? api<ProfileRules>('PATCH', '/api/settings/profile-rules', body)
        : api<ProfileRules>('DELETE', '/api/settings/profile-rules'),
    onSuccess: (saved) => {
      client.setQueryData(RULES_KEY, saved);
      // Types and recommendations follow the rules: every customer's profile is stale now.
      void client.invalidateQueries({ queryKey: ['customer'] });
    },
  });
  if (rules.isPending) return <Loader aria-label={t('common.loading')} />;
  if (rules.isError) return <Alert color="red">{errorText(t, rules.error)}</Alert>;
  if (!draft) return null;
  const b = draft.boundaries;
  const setBoundaries = (patch: Partial<ProfileRules['boundaries']>) =>
    setDraft({ ...draft, boundaries: { ...b, ...patch } });
  const count = (
    label: string,
    value: number,
    onChange: (n: number) => void,
    { min = 1, max = 1000 }: { min?: number; max?: number } = {},
  ) => (
    <NumberInput
      label={label}
      min={min}
      max={max}
      allowDecimal={false}
      disabled={!canEdit}
      value={value}
      onChange={(v) => onChange(Math.min(max, Math.max(min, Number(v) || min)))}
    />
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-rules-title">
      <Stack>
        <Title order={2} size="h4" id="profile-rules-title">
          {t('profileRules.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('profileRules.hint')}
        </Text>
        {!canEdit && (
          <Text size="sm" c="dimmed">
            {t('settings.ownerOnly')}
          </Text>
        )}
        {count(
          t('profileRules.notice'),
          draft.lateCancelNoticeHours,
          (n) => setDraft({ ...draft, lateCancelNoticeHours: n }),
          {
            max: 24 * 365,
          },
        )}
        <Title order={3} size="h5">
          {t('profileRules.cancellations')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          {count(
            t('profileRules.windowDays'),
            b.cancellations.windowDays,
            (n) => setBoundaries({ cancellations: { ...b.cancellations, windowDays: n } }),
            { max: 3650 },
          )}
          {count(t('profileRules.depositAt'), b.cancellations.depositAt, (n) =>
            setBoundaries({ cancellations: { ...b.cancellations, depositAt: n } }),
          )}
          {count(
            t('profileRules.depositPercent'),
            b.cancellations.depositPercent,
            (n) => setBoundaries({ cancellations: { ...b.cancellations, depositPercent: n } }),
            { max: 100 },
          )}
          {count(t('profileRules.blockAt'), b.cancellations.blockAt, (n) =>
            setBoundaries({ cancellations: { ...b.cancellations, blockAt: n } }),
          )}
        </SimpleGrid>
        <Title order={3} size="h5">
          {t('profileRules.abuse')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {count(
            t('profileRules.windowDays'),
            b.abuse.windowDays,
            (n) => setBoundaries({ abuse: { ...b.abuse, windowDays: n } }),
            {
              max: 3650,
            },
          )}
          {count(t('profileRules.warningAt'), b.abuse.warningAt, (n) =>
            setBoundaries({ abuse: { ...b.abuse, warningAt: n } }),
          )}
          {count(t('profileRules.endAt'), b.abuse.endAt, (n) =>
            setBoundaries({ abuse: { ...b.abuse, endAt: n } }),
          )}
        </SimpleGrid>
        <Switch
          label={t('profileRules.endOnViolence')}
          disabled={!canEdit}
          checked={b.abuse.endOnViolence}
          onChange={(e) => setBoundaries({ abuse: { ...b.abuse, endOnViolence: e.currentTarget.checked } })}
        />
        {count(
          t('profileRules.overdueDays'),
          b.overdue.days,
          (n) => setBoundaries({ overdue: { days: n } }),
          { max: 3650 },
        )}
        <Title order={3} size="h5">
          {t('profileRules.expiry')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          {BOUNDARY_LEVELS.map((level) => (
            <NumberInput
              key={level}
              label={t(`boundary.level.${level}`)}
              min={1}
              max={3650}
              allowDecimal={false}
              disabled={!canEdit}
              placeholder={t('boundary.untilRevoked')}
              value={b.expiryDays[level] ?? ''}
              onChange={(v) =>
                setBoundaries({
                  expiryDays: {
                    ...b.expiryDays,
                    [level]: v === '' ? null : Math.min(3650, Math.max(1, Number(v) || 1)),
                  },
                })
              }
            />
          ))}
        </SimpleGrid>
        {save.isSuccess && <Alert color="teal">{t('settings.saved')}</Alert>}
        {save.isError && <Alert color="red">{errorText(t, save.error)}</Alert>}
        {canEdit && (
          <Group>
            <Button
              onClick={() =>
                save.mutate({
                  lateCancelNoticeHours: draft.lateCancelNoticeHours,
                  boundaries: draft.boundaries,
                })
              }
              loading={save.isPending}
            >
              {t('settings.save')}
            </Button>
            <Button variant="subtle" onClick={() => save.mutate(null)} disabled={save.isPending}>
              {t('profileRules.reset')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RunningDeadline, runningDeadline } from './running-deadline.ts';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 hours" / "za 3 godziny" / "3 tunni pärast", in the interface language. */
export function formatRelative(target: Date, now: Date, locale: string): string {
  const diff = target.getTime() - now.getTime();
  const [unit, size] = UNITS.find(([, ms]) => Math.abs(diff) >= ms) ?? UNITS[UNITS.length - 1]!;
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(diff / size), unit);
}

function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function DueCountdown({ dueAt }: { dueAt: string | null }) {
  const { i18n } = useTranslation();
  const now = useNow(30_000);
  if (!dueAt) return <Text c="dimmed">—</Text>;
  const due = new Date(dueAt);
  const overdue = due.getTime() < now.getTime();
  return (
    <Text
      component="time"
      dateTime={dueAt}
      c={overdue ? 'var(--calm-text-error)' : undefined}
      fw={overdue ? 700 : undefined}
      size="sm"
    >
      {formatRelative(due, now, i18n.language)}
    </Text>
  );
}

/** The countdown of whichever response deadline applies to a case, or that it is paused. */
export function CaseDeadline({ item }: { item: Parameters<typeof runningDeadline>[0] }) {
  const deadline: RunningDeadline = runningDeadline(item);
  const { t } = useTranslation();
  if (deadline?.kind === 'paused') {
    return (
      <Text size="sm" c="dimmed" title={t('deadline.pausedLeft', { minutes: deadline.remainingMinutes })}>
        {t('deadline.paused')}
      </Text>
    );
  }
  return (
    <span title={deadline ? t(`deadline.${deadline.kind}`) : undefined}>
      <DueCountdown dueAt={deadline?.dueAt ?? null} />
    </span>
  );
}

import type { Flag } from '@calmdesk/analysis';
import type { CaseListItem } from '@calmdesk/contracts';
import { Badge, Card, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { type MouseEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseDeadline, formatRelative } from '../../components/due-countdown.tsx';
import { FlagChips } from '../../components/flag-chips.tsx';
import { LevelBadge } from '../../components/level-badge.tsx';
import { useSession } from '../auth/session.ts';
import { EscalationBadge } from '../case/escalation-badge.tsx';
import { TakeButton } from '../case/take-button.tsx';
import { useMarkOpened } from './use-cases.ts';

export interface InboxRowProps {
  item: CaseListItem;
  /** The keyboard's current row. */
  current: boolean;
  /** Ticked for a bulk change. */
  checked: boolean;
  /** Tick or untick; `range` when shift was held (the rows since the last one ticked). */
  onCheck: (checked: boolean, range: boolean) => void;
  now: Date;
}

/**
 * A row's flags in little room: a single flag by name; several, one beside the escalation mark, or one
 * whose name does not fit beside the level (`counted`) as their count, each named in the count's
 * tooltip and label. The card on a phone shows them all.
 */
function CompactFlags({
  flags,
  escalated,
  counted,
}: {
  flags: readonly Flag[];
  escalated: boolean;
  counted: boolean;
}) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  if (flags.length === 1 && !escalated && !counted) return <FlagChips flags={flags} />;
  const names = flags.map((flag) => t(`flag.${flag}`)).join(', ');
  return (
    <Tooltip label={names}>
      <Badge size="sm" variant="outline" color="gray" aria-label={t('inboxList.moreFlags', { names })}>
        ⚑ {flags.length}
      </Badge>
    </Tooltip>
  );
}

/**
 * The level, the escalation mark and the flags in one line of the level column. A flag's name that does
 * not fit beside the level ("NIEZADOWOLONY" and "ŻĄDA ZWROTU" in Polish) becomes the count: measured
 * once laid out, since each language's words have their own widths. Keyed by level, flags and
 * language, so a change measures again.
 */
function LevelCell({ item }: { item: CaseListItem }) {
  const line = useRef<HTMLDivElement>(null);
  const [counted, setCounted] = useState(false);
  useLayoutEffect(() => {
    const group = line.current;
    if (!counted && group && group.scrollWidth > group.clientWidth + 1) setCounted(true);
  }, [counted]);
  return (
    <Group ref={line} gap={4} wrap="nowrap">
      <EscalationBadge
        escalatedAt={item.escalatedAt}
        reason={item.escalationReason}
        mark={item.flags.length > 0}
        compact
      />
      <LevelBadge level={item.level} />
      <CompactFlags flags={item.flags} escalated={item.escalatedAt !== null} counted={counted} />
    </Group>
  );
}

function UnreadDot({ unread }: { unread: boolean }) {
  const { t } = useTranslation();
  if (!unread) return null;
  return (
    <span
      className="inbox-unread"
      role="img"
      aria-label={t('inboxList.unread')}
      title={t('inboxList.unread')}
    />
  );
}

function LastActivity({ at, now }: { at: string; now: Date }) {
  const { i18n } = useTranslation();
  const date = new Date(at);
  return (
    <time dateTime={at} title={date.toLocaleString(i18n.language)}>
      {formatRelative(date, now, i18n.language)}
    </time>
  );
}

/**
 * An unassigned case's cell: "Take" says it is nobody's (the word itself is kept for screen readers),
 * which leaves the narrow column room for the button in every language.
 */
function Unassigned({ item }: { item: CaseListItem }) {
  const { t } = useTranslation();
  const signedIn = Boolean(useSession().data?.user.id);
  if (!signedIn) {
    return (
      <Text span c="dimmed" size="sm">
        {t('inbox.unassigned')}
      </Text>
    );
  }
  return (
    <>
      <span className="visually-hidden">{t('inbox.unassigned')}</span>
      <TakeButton item={item} />
    </>
  );
}

function checkOf(onCheck: InboxRowProps['onCheck']) {
  return (event: MouseEvent<HTMLInputElement>) => {
    event.stopPropagation();
    onCheck(event.currentTarget.checked, event.shiftKey);
  };
}

/** One case on one line of the wide inbox. */
export function InboxRow({ item, current, checked, onCheck, now }: InboxRowProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const markOpened = useMarkOpened();
  return (
    <Table.Tr
      className="inbox-row"
      data-selected={current}
      data-unread={item.unread}
      aria-current={current ? 'true' : undefined}
      aria-selected={checked}
      data-case-id={item.id}
      onClick={() => {
        markOpened(item.id);
        void navigate({ to: '/cases/$id', params: { id: item.id } });
      }}
    >
      <Table.Td className="inbox-check">
        <Checkbox
          size="xs"
          aria-label={t('inboxList.select', { subject: item.subject })}
          checked={checked}
          onChange={() => undefined}
          onClick={checkOf(onCheck)}
        />
      </Table.Td>
      <Table.Td className="inbox-cell-main">
        <div className="inbox-line">
          <UnreadDot unread={item.unread} />
          <span className="inbox-customer" dir="auto">
            {item.customer.name}
          </span>
          <Link
            to="/cases/$id"
            params={{ id: item.id }}
            onClick={(e) => {
              e.stopPropagation();
              markOpened(item.id);
            }}
            className="inbox-subject"
            dir="auto"
            data-unread={item.unread}
          >
            {item.subject}
          </Link>
        </div>
      </Table.Td>
      <Table.Td className="inbox-cell-level">
        <LevelCell key={`${item.level} ${item.flags.join(' ')} ${i18n.language}`} item={item} />
      </Table.Td>
      <Table.Td className="inbox-cell-nowrap">
        <CaseDeadline item={item} />
      </Table.Td>
      <Table.Td className="inbox-cell-nowrap">
        <Group gap={6} wrap="nowrap">
          {item.assignee?.name ?? <Unassigned item={item} />}
        </Group>
      </Table.Td>
      <Table.Td className="inbox-cell-nowrap">{t(`status.${item.status}`)}</Table.Td>
      <Table.Td className="inbox-cell-nowrap">
        <Text size="sm" c="dimmed" span>
          <LastActivity at={item.updatedAt} now={now} />
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The narrow-screen inbox: one card per case instead of a wide table. */
export function InboxCard({ item, current, checked, onCheck, now }: InboxRowProps) {
  const { t } = useTranslation();
  const markOpened = useMarkOpened();
  return (
    <Card
      withBorder
      padding="xs"
      className="inbox-row"
      data-selected={current}
      data-unread={item.unread}
      aria-current={current ? 'true' : undefined}
      data-case-id={item.id}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap">
          <Checkbox
            size="xs"
            aria-label={t('inboxList.select', { subject: item.subject })}
            checked={checked}
            onChange={() => undefined}
            onClick={checkOf(onCheck)}
          />
          <UnreadDot unread={item.unread} />
          <LevelBadge level={item.level} />
          <EscalationBadge escalatedAt={item.escalatedAt} reason={item.escalationReason} compact />
        </Group>
        <CaseDeadline item={item} />
      </Group>
      <Link
        to="/cases/$id"
        params={{ id: item.id }}
        onClick={() => markOpened(item.id)}
        className="inbox-subject"
        dir="auto"
        data-unread={item.unread}
      >
        {item.subject}
      </Link>
      <Text size="xs" c="dimmed">
        {item.customer.name} · {t(`status.${item.status}`)} · {item.assignee?.name ?? t('inbox.unassigned')} ·{' '}
        <LastActivity at={item.updatedAt} now={now} />
      </Text>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <FlagChips flags={item.flags} />
        {!item.assignee && <TakeButton item={item} />}
      </Group>
    </Card>
  );
}

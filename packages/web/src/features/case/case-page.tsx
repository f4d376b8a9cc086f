import type { Analysis, CaseState, CoachContext, Lang } from '@calmdesk/analysis';
import type { CaseDetail, NewInteraction } from '@calmdesk/contracts';
import { LANGS } from '@calmdesk/contracts/enums';
import { Alert, Badge, Button, Grid, Group, Loader, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys, useMediaQuery } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { CaseDeadline } from '../../components/due-countdown.tsx';
import { FlagChips } from '../../components/flag-chips.tsx';
import { LevelBadge } from '../../components/level-badge.tsx';
import { useFormat } from '../../format/use-format.ts';
import { useSession } from '../auth/session.ts';
import { isOverdue } from '../commitments/list-clock.ts';
import { ReplyingNotice } from '../live/replying-notice.tsx';
import { useReplying } from '../live/use-live.ts';
import { useReplyForms } from '../replies/use-replies.ts';
import { CaseGlance } from './case-glance.tsx';
import { CaseSidebar } from './case-sidebar.tsx';
import { Composer, type ComposerMode } from './composer.tsx';
import { Conversation } from './conversation.tsx';
import { EscalationBadge } from './escalation-badge.tsx';
import { GuidancePanel } from './guidance-panel.tsx';
import { useCoverage } from './guidance-steps.ts';
import { ReplyEditor, useLiveCoaching } from './reply-editor.tsx';
import { useAddInteraction, useCase, useCaseLog, useLogVerification, useUpdateCase } from './use-case.ts';
import { useDraft } from './use-draft.ts';

function inboundAnalyses(item: CaseDetail): Analysis[] {
  return item.interactions.flatMap((i) => (i.kind === 'inbound' && i.analysis ? [i.analysis] : []));
}

const isLang = (value: string | null): value is Lang => LANGS.includes(value as Lang);

function caseLanguage(item: CaseDetail, analyses: Analysis[]): Lang {
  const detected = analyses.findLast((a) => a.lang !== 'und')?.lang;
  // A case keeps the language its customer was stored with, which an import may have left unknown.
  if (isLang(item.language)) return item.language;
  return detected && detected !== 'und' ? detected : 'en';
}

function LogBadge({ id }: { id: string }) {
  const { t } = useTranslation();
  const verification = useLogVerification(id);
  if (!verification.data) return null;
  return verification.data.ok ? (
    <Badge color="teal" variant="light" data-testid="log-verified" title={t('case.logVerifiedWhy')}>
      ✓ {t('case.logVerified')}
    </Badge>
  ) : (
    <Badge color="red" data-testid="log-broken">
      {t('case.logBroken', { entry: verification.data.brokenAt })}
    </Badge>
  );
}

/** "Show earlier": a long log comes with its newest entries; older pages are fetched on demand. */
function EarlierEntriesButton({ log }: { log: ReturnType<typeof useCaseLog> }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!log.hasEarlier && !log.error) return null;
  return (
    <Stack gap="xs">
      {log.error && <Alert color="red">{errorText(t, log.error)}</Alert>}
      {log.hasEarlier && (
        <Button variant="subtle" onClick={log.showEarlier} loading={log.isLoading} data-testid="show-earlier">
          {t('case.showEarlier', { count: format.number(log.hidden) })}
        </Button>
      )}
    </Stack>
  );
}

/** Keyboard shortcuts move the focus to a field of the page, as a click there would. */
function focusIn(containerId: string, selector: string): void {
  document.getElementById(containerId)?.querySelector<HTMLElement>(selector)?.focus();
}

/** `a`: the assignee list, focused and open, so the arrow keys and Enter choose who handles the case. */
function openAssignee(): void {
  const input = document
    .getElementById('case-sidebar')
    ?.querySelector<HTMLElement>('[data-shortcut-target="assignee"]');
  input?.focus();
  input?.click();
}

/** Below Mantine's `md`, where the side panel would fall under the whole conversation. */
const NARROW = '(max-width: 61.99em)';

function CaseView({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  const isNarrow = useMediaQuery(NARROW, undefined, { getInitialValueInEffect: false });
  const [isPanelOpen, setPanelOpen] = useState(false);
  const panelId = useId();
  const addInteraction = useAddInteraction(item.id);
  const log = useCaseLog(item);
  const earlierButton = useMemo(() => <EarlierEntriesButton log={log} />, [log]);
  const update = useUpdateCase(item.id);
  const [draft, setDraft] = useDraft(item.id);
  const [isInReplyBox, setInReplyBox] = useState(false);
  const othersReplying = useReplying(item.id, session.data?.user.id, isInReplyBox || draft.trim() !== '');
  const analyses = useMemo(() => inboundAnalyses(item), [item]);
  const lang = caseLanguage(item, analyses);
  const forms = useReplyForms(item.id);
  const last = analyses.at(-1);
  const repliesSent = item.interactions.filter((i) => i.kind === 'outbound').length;
  const openCommitments = item.commitments.filter((c) => c.status === 'open').length;
  // "Keep the promise" is about ours: a customer's overdue promise is theirs to keep.
  const overdueCommitments = item.commitments.filter(
    (c) => c.who === 'us' && isOverdue(c, Date.now()),
  ).length;
  const state: CaseState = useMemo(
    () => ({
      lang,
      inbound: analyses,
      fault: item.fault,
      openCommitments,
      overdueCommitments,
      repliesSent,
      ...(item.stage ? { stage: item.stage } : {}),
      ...(forms ? { forms } : {}),
    }),
    [lang, analyses, item.fault, item.stage, openCommitments, overdueCommitments, repliesSent, forms],
  );
  const context: CoachContext = useMemo(
    () => ({
      lang,
      customer: analyses.slice(-3),
      fault: item.fault,
      problems: last?.issues ?? 0,
      ...(session.data ? { agentName: session.data.user.name } : {}),
      ...(forms ? { forms } : {}),
    }),
    [lang, analyses, item.fault, last, session.data, forms],
  );
  const coached = useLiveCoaching(draft, context);
  const canOverride = session.data?.canOverride ?? false;
  const send = (override: boolean) =>
    addInteraction.mutate({ kind: 'outbound', body: draft, override }, { onSuccess: () => setDraft('') });
  const [mode, setModeState] = useState<ComposerMode>('reply');
  // The coach shows only under the reply editor: with a note or a call open, no step is "said below".
  const coverage = useCoverage(mode === 'reply' ? coached.coaching : null);
  const [saved, setSaved] = useState(false);
  // A shortcut that changes the mode focuses the new form's field once it is on screen.
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  const setMode = (next: ComposerMode) => {
    setSaved(false);
    addInteraction.reset();
    setModeState(next);
  };
  useEffect(() => {
    if (!focusAfter) return;
    focusIn('reply-box', focusAfter);
    setFocusAfter(null);
  }, [focusAfter]);
  // On a phone the assignee list is inside the folded panel: it opens first, the list once it shows.
  const [isAssigneeWanted, setAssigneeWanted] = useState(false);
  useEffect(() => {
    if (!isAssigneeWanted) return;
    openAssignee();
    setAssigneeWanted(false);
  }, [isAssigneeWanted]);
  const logEntry = (entry: NewInteraction, done: () => void) =>
    addInteraction.mutate(entry, {
      onSuccess: () => {
        done();
        setSaved(true);
      },
    });
  useHotkeys([
    [
      'r',
      () => {
        setMode('reply');
        setFocusAfter('.reply-editor textarea');
      },
    ],
    [
      'n',
      () => {
        setMode('note');
        setFocusAfter('#note-body');
      },
    ],
    [
      'a',
      () => {
        if (isNarrow) setPanelOpen(true);
        setAssigneeWanted(true);
      },
    ],
    ['e', () => item.status !== 'closed' && update.mutate({ status: 'closed' })],
  ]);
  // Stable, so the memoised panels beside the editor do not re-render on every keystroke.
  const insert = useCallback(
    (phrase: string) => setDraft((d) => (d.trim() ? `${d.trimEnd()} ${phrase}` : phrase)),
    [setDraft],
  );
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Link to="/">{t('case.back')}</Link>
          <Title order={1} size="h3">
            {item.subject}
          </Title>
          <Group gap="xs">
            <Link to="/customers/$id" params={{ id: item.customer.id }}>
              {item.customer.name}
            </Link>
            <Text size="sm" c="dimmed">
              {t(`channel.${item.channel}`)}
              {!isNarrow && ` · ${t(`status.${item.status}`)}`}
            </Text>
            {!isNarrow && <LevelBadge level={item.level} />}
            <Group gap={4} wrap="nowrap">
              <Text size="sm" c="dimmed">
                {t('inbox.due')}:
              </Text>
              <CaseDeadline item={item} />
            </Group>
            {item.assignee && !isNarrow && (
              <Text size="sm">
                {t('case.assignee')}: {item.assignee.name}
              </Text>
            )}
            <LogBadge id={item.id} />
            <EscalationBadge escalatedAt={item.escalatedAt} reason={item.escalationReason} />
          </Group>
          <FlagChips flags={item.flags} />
        </Stack>
        {!item.escalatedAt && (
          <Tooltip label={t('escalation.escalateHint')} multiline w={280} withArrow>
            <Button
              variant="outline"
              color="orange"
              loading={update.isPending}
              onClick={() => update.mutate({ escalate: true })}
            >
              {t('escalation.escalate')}
            </Button>
          </Tooltip>
        )}
      </Group>
      {update.isSuccess && update.variables.escalate && (
        <Alert color="teal" data-testid="escalated">
          {t('escalation.escalated')}
        </Alert>
      )}
      {update.isError && <Alert color="red">{errorText(t, update.error)}</Alert>}
      {isNarrow && (
        <>
          <CaseGlance
            item={item}
            isPanelOpen={isPanelOpen}
            panelId={panelId}
            onTogglePanel={() => setPanelOpen(!isPanelOpen)}
            onReply={() => {
              setMode('reply');
              setFocusAfter('.reply-editor textarea');
            }}
          />
          <div id={panelId} style={isPanelOpen ? undefined : { display: 'none' }}>
            <div id="case-sidebar">
              <CaseSidebar item={item} />
            </div>
          </div>
        </>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Conversation interactions={log.shown} earlier={earlierButton} />
            <fieldset
              id="reply-box"
              className="reply-box"
              onFocus={() => setInReplyBox(true)}
              onBlur={(event) => {
                // Moving between the box and its buttons is still replying.
                if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setInReplyBox(false);
              }}
            >
              <ReplyingNotice users={othersReplying} />
              <Composer
                mode={mode}
                onModeChange={setMode}
                saved={saved}
                saving={addInteraction.isPending}
                error={mode === 'reply' ? null : addInteraction.error}
                onLog={logEntry}
                reply={
                  <div className="reply-editor">
                    <ReplyEditor
                      draft={draft}
                      onDraftChange={setDraft}
                      coached={coached}
                      canOverride={canOverride}
                      sending={addInteraction.isPending}
                      sendError={mode === 'reply' ? addInteraction.error : null}
                      onSend={send}
                    />
                  </div>
                }
              />
            </fieldset>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            {!isNarrow && (
              <div id="case-sidebar">
                <CaseSidebar item={item} />
              </div>
            )}
            <GuidancePanel state={state} coverage={coverage} onInsert={insert} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function CasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useCase(id);
  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.isError) return <Alert color="red">{errorText(t, query.error)}</Alert>;
  // Keyed by the case, so the older entries fetched for one case never show on another.
  return <CaseView key={query.data.id} item={query.data} />;
}

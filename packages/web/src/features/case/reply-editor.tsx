import { type CoachContext, type Coaching, ELEMENTS, type Finding, LANGS } from '@calmdesk/analysis/core';
import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Progress,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { formErrors } from '../../api/errors.ts';
import { CoachedTextarea } from '../../components/coached-textarea.tsx';
import { CannedReplyPicker, SignaturePreview } from '../replies/canned-reply-picker.tsx';
import { type Coach, currentCoach, loadLearnedCoach } from './draft-coach.ts';

/**
 * Coaches the draft on every keystroke, in the browser, and records how long it took: with the rules
 * at once, and as the server does (rules and learned model) once the model has loaded.
 */
export function useLiveCoaching(draft: string, context: CoachContext): { coaching: Coaching; ms: number } {
  const { i18n } = useTranslation();
  // The agent reads why in their interface language; the rewrites stay in the draft's.
  const explainIn = LANGS.find((lang) => lang === i18n.language);
  const [coach, setCoach] = useState<Coach>(() => currentCoach());
  useEffect(() => {
    let mounted = true;
    loadLearnedCoach()
      .then((learned) => mounted && setCoach(() => learned))
      // Without the model (a failed fetch) the rules go on coaching; the server coaches again on send.
      .catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, []);
  return useMemo(() => {
    const started = performance.now();
    const coaching = coach(draft, { ...context, explainIn });
    return { coaching, ms: performance.now() - started };
  }, [coach, draft, context, explainIn]);
}

/** Replaces a finding's span with its suggestion. */
export function applySuggestion(draft: string, finding: Finding): string {
  let rest = draft.slice(finding.end);
  // The suggestion is a whole sentence: drop the old sentence's full stop rather than doubling it.
  const ending = finding.suggestion.at(-1);
  if (ending && '.!?'.includes(ending) && rest.startsWith('.')) rest = rest.slice(1);
  return draft.slice(0, finding.start) + finding.suggestion + rest;
}

const SEVERITY_COLOR = { block: 'red', warn: 'orange', hint: 'blue' } as const;

interface CoachFeedbackProps {
  coaching: Coaching;
  draft: string;
  onDraftChange: (draft: string) => void;
}

/** The live coach under a reply box: score, checklist, findings with their suggestions, advice. */
export function CoachFeedback({ coaching, draft, onDraftChange }: CoachFeedbackProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group gap="md" align="flex-start" wrap="wrap">
        <Paper withBorder p="xs" miw={160}>
          <Text size="sm" fw={600}>
            {t('case.score')}: <span data-testid="coach-score">{coaching.score}</span>
          </Text>
          <Progress
            value={coaching.score}
            color={coaching.score >= 80 ? 'teal' : coaching.score >= 50 ? 'yellow' : 'red'}
            aria-label={t('case.score')}
          />
        </Paper>
        <Paper withBorder p="xs">
          <Text size="sm" fw={600}>
            {t('case.checklist')}
          </Text>
          <List size="sm" spacing={2} aria-label={t('case.checklist')}>
            {ELEMENTS.map((element) => {
              const has = coaching.has.includes(element);
              return (
                <List.Item
                  key={element}
                  data-element={element}
                  data-has={has}
                  icon={
                    <ThemeIcon
                      size={16}
                      radius="xl"
                      color={has ? 'teal' : 'gray'}
                      variant={has ? 'filled' : 'light'}
                      aria-hidden
                    >
                      <span style={{ fontSize: 10 }}>{has ? '✓' : '·'}</span>
                    </ThemeIcon>
                  }
                >
                  {t(`element.${element}`)}
                </List.Item>
              );
            })}
          </List>
        </Paper>
      </Group>
      <Stack gap={6} aria-live="polite">
        <Text size="sm" fw={600}>
          {t('case.findings')}
        </Text>
        {coaching.findings.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('case.noFindings')}
          </Text>
        )}
        {coaching.findings.map((finding) => (
          <Paper key={`${finding.rule}-${finding.start}`} withBorder p="xs" data-rule={finding.rule}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  <Badge color={SEVERITY_COLOR[finding.severity]} variant="light">
                    {t(`rule.${finding.rule}`)}
                  </Badge>
                  <Text size="sm" fs="italic">
                    „{finding.text}”
                  </Text>
                </Group>
                <Text size="sm">{finding.why}</Text>
                {finding.suggestion && (
                  <Text size="sm" c="var(--calm-text-ok)">
                    → {finding.suggestion}
                  </Text>
                )}
              </Stack>
              {finding.suggestion && finding.end > finding.start && (
                <Button
                  size="xs"
                  variant="light"
                  // The finding's text may be long; the button keeps its whole label.
                  style={{ flexShrink: 0 }}
                  onClick={() => onDraftChange(applySuggestion(draft, finding))}
                >
                  {t('case.apply')}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      {coaching.advice.length > 0 && (
        <Stack gap={4} data-testid="coach-advice">
          <Text size="sm" fw={600}>
            {t('case.advice')}
          </Text>
          {coaching.advice.map((advice) => (
            <Text
              key={advice.rule}
              size="sm"
              c={advice.severity === 'block' ? 'var(--calm-text-error)' : undefined}
            >
              {advice.why} → {advice.suggestion}
              {advice.problems?.length
                ? ` (${advice.problems.map((category) => t(`analytics.problem.${category}`)).join(', ')})`
                : ''}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

interface ReplyEditorProps {
  draft: string;
  onDraftChange: (draft: string) => void;
  /** The coach's reading of the draft (useLiveCoaching), shared with the guidance beside the editor. */
  coached: { coaching: Coaching; ms: number };
  canOverride: boolean;
  sending: boolean;
  sendError: unknown;
  onSend: (override: boolean) => void;
  /** Saves the draft as an internal note instead; without it the editor only sends. */
  onNote?: () => void;
}

/** The rules that block a draft, each once, in the order the draft shows them. */
function blockingRules(coaching: Coaching): Coaching['findings'][number]['rule'][] {
  return [...new Set(coaching.findings.filter((f) => f.severity === 'block').map((f) => f.rule))];
}

/** One send action: a supervisor facing a block sees only "Send anyway", with the reason above it. */
export function ReplyEditor(props: ReplyEditorProps) {
  const { draft, onDraftChange, coached, canOverride, sending, sendError, onSend, onNote } = props;
  const { t } = useTranslation();
  const { coaching, ms } = coached;
  const blocked = coaching.findings.some((f) => f.severity === 'block');
  const refused = sendError instanceof ApiError && sendError.code === 'coaching_blocked';
  const [triedEmpty, setTriedEmpty] = useState(false);
  const sendErrors = formErrors(t, refused ? null : sendError, ['body']);
  const bodyError = triedEmpty && !draft.trim() ? t('caseWork.bodyRequired') : sendErrors.at('body');
  const sendIfWritten = (override: boolean) => {
    setTriedEmpty(!draft.trim());
    if (draft.trim()) onSend(override);
  };
  return (
    <Stack gap="sm" data-coach-ms={ms.toFixed(2)}>
      <Title order={2} size="h4">
        {t('case.reply')}
      </Title>
      <CannedReplyPicker
        onInsert={(text) => onDraftChange(draft.trim() ? `${draft.trimEnd()}\n\n${text}` : text)}
      />
      <CoachedTextarea
        label={t('case.reply')}
        value={draft}
        onChange={onDraftChange}
        findings={coaching.findings}
        placeholder={t('case.draftPlaceholder')}
        error={bodyError}
        // Ctrl/Cmd+Enter sends only what the coach lets through; a block still needs its button.
        onKeyDown={getHotkeyHandler([
          ['mod+Enter', () => draft.trim() && !blocked && !sending && onSend(false)],
        ])}
      />
      <SignaturePreview />
      <CoachFeedback coaching={coaching} draft={draft} onDraftChange={onDraftChange} />
      {(refused || (blocked && !canOverride)) && <Alert color="red">{t('case.blocked')}</Alert>}
      {blocked && canOverride && !refused && (
        <Alert color="orange">
          {t('case.overrideWhy', {
            rules: blockingRules(coaching)
              .map((rule) => t(`rule.${rule}`))
              .join(', '),
          })}
        </Alert>
      )}
      {sendErrors.above && <Alert color="red">{t('case.sendFailed', { message: sendErrors.above })}</Alert>}
      <Group>
        {blocked && canOverride ? (
          <Button color="red" onClick={() => sendIfWritten(true)} loading={sending}>
            {t('case.sendAnyway')}
          </Button>
        ) : (
          <Button onClick={() => sendIfWritten(false)} loading={sending} disabled={blocked}>
            {t('case.send')}
          </Button>
        )}
        {onNote && (
          <Button variant="subtle" onClick={onNote} disabled={!draft.trim()}>
            {t('case.addNote')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

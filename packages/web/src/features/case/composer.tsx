import type { CallDirection, MessageVia, NewInteraction } from '@calmdesk/contracts';
import { CALL_DIRECTIONS, MESSAGE_VIAS } from '@calmdesk/contracts/enums';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isAtField } from '../../api/errors.ts';

/** What the agent adds to the case: a reply, an internal note, a phone call, or a customer's message. */
export type ComposerMode = 'reply' | 'note' | 'call' | 'message';
const MODES: ComposerMode[] = ['reply', 'note', 'call', 'message'];
const MODE_LABEL = {
  reply: 'modeReply',
  note: 'modeNote',
  call: 'modeCall',
  message: 'modeMessage',
} as const;

interface LogProps {
  saving: boolean;
  error: unknown;
  onLog: (entry: NewInteraction, done: () => void) => void;
}

/** Why a field was refused, in the person's language, shown beside the field they can fix. */
function errorFor(t: TFunction, error: unknown, field: string): string | undefined {
  return isAtField(error, field) ? errorText(t, error) : undefined;
}

function OtherError({ error, fields }: { error: unknown; fields: string[] }) {
  const { t } = useTranslation();
  if (!(error instanceof Error)) return null;
  if (fields.some((field) => errorFor(t, error, field))) return null;
  return <Alert color="red">{errorText(t, error)}</Alert>;
}

function NoteForm({ saving, error, onLog }: LogProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [tried, setTried] = useState(false);
  const missing = tried && !body.trim();
  return (
    <Stack gap="xs">
      <Textarea
        id="note-body"
        label={t('caseWork.note')}
        placeholder={t('caseWork.notePlaceholder')}
        autosize
        minRows={3}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={missing ? t('caseWork.bodyRequired') : errorFor(t, error, 'body')}
      />
      <OtherError error={error} fields={['body']} />
      <Group>
        <Button
          loading={saving}
          onClick={() => {
            setTried(true);
            if (!body.trim()) return;
            onLog({ kind: 'note', body }, () => {
              setBody('');
              setTried(false);
            });
          }}
        >
          {t('caseWork.saveNote')}
        </Button>
      </Group>
    </Stack>
  );
}

function CallForm({ saving, error, onLog }: LogProps) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<CallDirection>('inbound');
  const [minutes, setMinutes] = useState<number | string>('');
  const [body, setBody] = useState('');
  const [tried, setTried] = useState(false);
  const minutesOk =
    typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 0 && minutes <= 1440;
  return (
    <Stack gap="xs">
      <Radio.Group
        label={t('caseWork.callDirection')}
        value={direction}
        onChange={(value) => setDirection(value as CallDirection)}
      >
        <Group gap="md" mt={4}>
          {CALL_DIRECTIONS.map((d) => (
            <Radio
              key={d}
              value={d}
              label={t(d === 'inbound' ? 'caseWork.callInbound' : 'caseWork.callOutbound')}
            />
          ))}
        </Group>
      </Radio.Group>
      <NumberInput
        label={t('caseWork.callMinutes')}
        min={0}
        max={1440}
        allowDecimal={false}
        allowNegative={false}
        w={200}
        value={minutes}
        onChange={setMinutes}
        error={tried && !minutesOk ? t('caseWork.minutesInvalid') : errorFor(t, error, 'minutes')}
      />
      <Textarea
        label={t('caseWork.callNotes')}
        placeholder={t('caseWork.callNotesPlaceholder')}
        autosize
        minRows={3}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={tried && !body.trim() ? t('caseWork.bodyRequired') : errorFor(t, error, 'body')}
      />
      <OtherError error={error} fields={['body', 'minutes']} />
      <Group>
        <Button
          loading={saving}
          onClick={() => {
            setTried(true);
            if (!minutesOk || !body.trim()) return;
            onLog({ kind: 'call', body, call: { direction, minutes: minutes as number } }, () => {
              setBody('');
              setMinutes('');
              setTried(false);
            });
          }}
        >
          {t('caseWork.saveCall')}
        </Button>
      </Group>
    </Stack>
  );
}

function CustomerMessageForm({ saving, error, onLog }: LogProps) {
  const { t } = useTranslation();
  const [via, setVia] = useState<MessageVia>('phone_text');
  const [body, setBody] = useState('');
  const [tried, setTried] = useState(false);
  return (
    <Stack gap="xs">
      <Select
        label={t('caseWork.messageVia')}
        data={MESSAGE_VIAS.map((v) => ({ value: v, label: t(`caseWork.via.${v}`) }))}
        value={via}
        allowDeselect={false}
        onChange={(value) => value && setVia(value as MessageVia)}
        w={{ base: '100%', sm: 280 }}
      />
      <Textarea
        label={t('caseWork.messageBody')}
        description={t('caseWork.messageHint')}
        placeholder={t('caseWork.messagePlaceholder')}
        autosize
        minRows={3}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={tried && !body.trim() ? t('caseWork.bodyRequired') : errorFor(t, error, 'body')}
      />
      <OtherError error={error} fields={['body']} />
      <Group>
        <Button
          loading={saving}
          onClick={() => {
            setTried(true);
            if (!body.trim()) return;
            onLog({ kind: 'inbound', via, body }, () => {
              setBody('');
              setTried(false);
            });
          }}
        >
          {t('caseWork.saveMessage')}
        </Button>
      </Group>
    </Stack>
  );
}

interface ComposerProps extends LogProps {
  /** The last entry logged here was saved (cleared when the mode changes). */
  saved: boolean;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  /** The reply editor, shown in the reply mode. */
  reply: ReactNode;
}

/**
 * Above the reply box, a choice of what to add: the reply editor itself, or a form that logs a note,
 * a phone call or what the customer sent another way. Each form keeps its own text.
 */
export function Composer({ mode, onModeChange, reply, saved, ...log }: ComposerProps) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('caseWork.mode')}
        data-testid="composer-mode"
        value={mode}
        onChange={(value) => onModeChange(value as ComposerMode)}
        orientation={narrow ? 'vertical' : 'horizontal'}
        fullWidth
        data={MODES.map((value) => ({ value, label: t(`caseWork.${MODE_LABEL[value]}`) }))}
      />
      <div hidden={mode !== 'reply'}>{reply}</div>
      {mode === 'note' && <NoteForm {...log} />}
      {mode === 'call' && <CallForm {...log} />}
      {mode === 'message' && <CustomerMessageForm {...log} />}
      {saved && mode !== 'reply' && (
        <Text size="sm" c="var(--calm-text-ok)" role="status" data-testid="logged">
          {t('caseWork.logged')}
        </Text>
      )}
    </Stack>
  );
}

import type { CoachContext } from '@calmdesk/analysis';
import type { TrainingSession } from '@calmdesk/contracts';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { CoachedTextarea } from '../../components/coached-textarea.tsx';
import { CoachFeedback, useLiveCoaching } from '../case/reply-editor.tsx';
import { useSendPracticeReply } from './use-training.ts';

/** The trainee's reply box, with the same live coach as a real case's reply box under it. */
export function PracticeReplyBox({ session, context }: { session: TrainingSession; context: CoachContext }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const send = useSendPracticeReply(session.id);
  const { coaching, ms } = useLiveCoaching(draft, context);
  const blocked = coaching.findings.some((f) => f.severity === 'block');
  return (
    <Stack gap="sm" component="section" aria-labelledby="practice-reply-title" data-coach-ms={ms.toFixed(2)}>
      <Title order={2} size="h4" id="practice-reply-title">
        {t('training.yourReply')}
      </Title>
      <CoachedTextarea
        label={t('training.yourReply')}
        value={draft}
        onChange={setDraft}
        findings={coaching.findings}
        placeholder={t('training.replyPlaceholder')}
      />
      <CoachFeedback coaching={coaching} draft={draft} onDraftChange={setDraft} />
      {blocked && <Alert color="orange">{t('training.blockedNote')}</Alert>}
      {send.isError && <Alert color="red">{errorText(t, send.error)}</Alert>}
      <Group>
        <Button
          loading={send.isPending}
          disabled={!draft.trim()}
          onClick={() => send.mutate(draft, { onSuccess: () => setDraft('') })}
        >
          {t('training.send')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('training.sendHint')}
        </Text>
      </Group>
    </Stack>
  );
}

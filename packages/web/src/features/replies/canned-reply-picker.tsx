import type { Lang } from '@calmdesk/contracts';
import { Group, Paper, Select, Text } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCaseReplies } from './use-replies.ts';

interface CannedReplyPickerProps {
  /** Gets the chosen reply written out for the case: variables filled, gendered forms chosen. */
  onInsert: (text: string) => void;
}

/** The case's id from the address: the picker sits in a case's reply box. */
function useCaseId(): string | undefined {
  return useParams({ strict: false }).id;
}

/**
 * Picks a saved reply for the case's reply box: the case's language first, each written out for the
 * case, then coached like anything typed.
 */
export function CannedReplyPicker({ onInsert }: CannedReplyPickerProps) {
  const { t } = useTranslation();
  const replies = useCaseReplies(useCaseId());
  const items = replies.data?.items ?? [];
  const groups = [...new Set(items.map((item) => item.lang))].map((lang: Lang) => ({
    group: t(`language.${lang}`),
    items: items.filter((item) => item.lang === lang).map((item) => ({ value: item.id, label: item.title })),
  }));
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="canned-reply-picker">
      <Select
        label={t('replies.insert')}
        placeholder={items.length > 0 ? t('replies.choose') : t('replies.none')}
        data={groups}
        value={null}
        searchable
        clearable={false}
        disabled={items.length === 0}
        nothingFoundMessage={t('replies.nothingFound')}
        onChange={(id) => {
          const chosen = items.find((item) => item.id === id);
          if (chosen) onInsert(chosen.text);
        }}
        miw={260}
        size="sm"
      />
      <Link to="/replies">{t('replies.manage')}</Link>
    </Group>
  );
}

/** What goes out under the reply: the agent's signature, shown before sending when the case is mailed. */
export function SignaturePreview() {
  const { t } = useTranslation();
  const replies = useCaseReplies(useCaseId());
  if (!replies.data?.mailed) return null;
  return (
    <Paper withBorder p="xs" data-testid="signature-preview">
      <Text size="xs" c="dimmed">
        {t('replies.signatureAdded')} · <Link to="/profile">{t('replies.editSignature')}</Link>
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {`-- \n${replies.data.signature}`}
      </Text>
    </Paper>
  );
}

import { Anchor, Stack, Text, Title } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

const RouterAnchor = createLink(Anchor);

/** Any address the app does not know: say so plainly instead of showing the inbox. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" maw={560} data-testid="not-found">
      <Title order={1} size="h2">
        {t('notFound.title')}
      </Title>
      <Text>{t('notFound.body')}</Text>
      <RouterAnchor to="/">{t('notFound.backToInbox')}</RouterAnchor>
    </Stack>
  );
}

import { Alert, Center, Loader } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors.ts';

/** Shown in the page area while a screen's code is on its way. */
export function RouteLoading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" data-testid="route-loading">
      <Loader size="sm" aria-label={t('common.loading')} />
    </Center>
  );
}

/** A screen that failed to load or render, e.g. a chunk gone after an upgrade. */
export function RouteError({ error }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert">
      {errorText(t, error)}
    </Alert>
  );
}

import type { TrainingScenarioSummary } from '@calmdesk/contracts';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors } from '../../api/errors.ts';
import { useUsers } from '../inbox/use-cases.ts';
import { useCreateTrainingSession } from './use-training.ts';

/** A supervisor or the owner gives a scenario to a member of staff, who finds it on their Training page. */
export function AssignDialog({
  scenario,
  myId,
  onClose,
}: {
  scenario: TrainingScenarioSummary | null;
  myId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const assign = useCreateTrainingSession();
  const [userId, setUserId] = useState<string | null>(null);
  const [done, setDone] = useState<{ title: string; name: string } | null>(null);
  // A new scenario opens a clean form; the confirmation of the last one stays on the page.
  useEffect(() => {
    if (scenario) {
      setUserId(null);
      assign.reset();
    }
  }, [scenario, assign.reset]);
  const staff = (users.data?.items ?? []).filter((user) => user.id !== myId);
  const assignErrors = formErrors(t, assign.error, ['userId', 'scenario']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!scenario || !userId) return;
    assign.mutate(
      { scenario: scenario.id, userId },
      {
        onSuccess: (session) => {
          setDone({ title: session.scenarioTitle, name: session.user.name });
          onClose();
        },
      },
    );
  };
  return (
    <>
      {done && (
        <Alert color="teal" withCloseButton onClose={() => setDone(null)} data-testid="assigned">
          {t('training.assigned', done)}
        </Alert>
      )}
      <Modal
        opened={scenario !== null}
        onClose={onClose}
        title={scenario ? t('training.assignTitle', { title: scenario.title }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Text size="sm">{t('training.assignHint')}</Text>
            <Select
              label={t('training.assignee')}
              placeholder={t('training.pickPerson')}
              data={staff.map((user) => ({
                value: user.id,
                label: `${user.name} (${t(`role.${user.role}`)})`,
              }))}
              value={userId}
              onChange={setUserId}
              searchable
              required
              nothingFoundMessage={t('training.nobodyFound')}
              error={assignErrors.at('userId')}
            />
            {assignErrors.above && <Alert color="red">{assignErrors.above}</Alert>}
            <Group justify="flex-end">
              <Button variant="subtle" onClick={onClose}>
                {t('boundary.cancel')}
              </Button>
              <Button type="submit" loading={assign.isPending} disabled={!userId}>
                {t('training.assignSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

import type { TrainingProgress } from '@calmdesk/contracts';
import { Alert, Anchor, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { useFormat } from '../../format/use-format.ts';
import { PractiseLine } from './practise-list.tsx';
import { useTrainingProgress } from './use-training.ts';

type Person = TrainingProgress['people'][number];

function PersonRow({ person, onOpen }: { person: Person; onOpen: (userId: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.Tr data-testid="progress-person" data-user-id={person.user.id}>
      <Table.Td>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => onOpen(person.user.id)}
          aria-label={t('training.historyOf', { name: person.user.name })}
        >
          {person.user.name}
        </Anchor>
      </Table.Td>
      <Table.Td ta="right">{person.sessions}</Table.Td>
      <Table.Td ta="right">{person.ended}</Table.Td>
      <Table.Td ta="right">
        {person.averageScore === null ? t('common.none') : format.number(Math.round(person.averageScore))}
      </Table.Td>
      <Table.Td>{person.lastAt ? format.date(person.lastAt) : t('common.none')}</Table.Td>
      <Table.Td>
        {person.practise.length === 0 ? (
          t('common.none')
        ) : (
          <Stack gap={0}>
            {person.practise.map((item) => (
              <PractiseLine key={item.skill} item={item} size="xs" />
            ))}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Supervisors and the owner: how far each person has come, and what they should practise next. */
export function TeamProgress({ onOpenPerson }: { onOpenPerson: (userId: string) => void }) {
  const { t } = useTranslation();
  const progress = useTrainingProgress(true);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="team-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="team-title">
          {t('training.teamTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('training.teamHint')}
        </Text>
        {progress.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {progress.isError && <Alert color="red">{errorText(t, progress.error)}</Alert>}
        {progress.data?.people.length === 0 && <Text c="dimmed">{t('training.noTeam')}</Text>}
        {progress.data && progress.data.people.length > 0 && (
          // A keyboard user must be able to scroll a wide table on a phone: the wrapper takes focus.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs to be focusable
          <div className="analytics-table" tabIndex={0}>
            <Table striped fz="sm" verticalSpacing={4} miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('training.person')}</Table.Th>
                  <Table.Th ta="right">{t('training.sessions')}</Table.Th>
                  <Table.Th ta="right">{t('training.endedCount')}</Table.Th>
                  <Table.Th ta="right">{t('training.averageScore')}</Table.Th>
                  <Table.Th>{t('training.lastAt')}</Table.Th>
                  <Table.Th>{t('training.toPractise')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {progress.data.people.map((person) => (
                  <PersonRow key={person.user.id} person={person} onOpen={onOpenPerson} />
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </Paper>
  );
}

import { Alert, Stack, Tabs, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import type { TrainingSearch } from '../../routing/routes.tsx';
import { useSession } from '../auth/session.ts';
import { MySessions } from './my-sessions.tsx';
import { ScenarioList } from './scenario-list.tsx';
import { SessionHistory } from './session-history.tsx';
import { TeamProgress } from './team-progress.tsx';
import { groupSessions } from './training-logic.ts';
import { useTrainingSessions } from './use-training.ts';

const trainingRoute = getRouteApi('/training');

function PractiseTab({ myId, canAssign }: { myId: string; canAssign: boolean }) {
  const { t } = useTranslation();
  const mine = useTrainingSessions({ user: myId });
  const groups = groupSessions(mine.data?.sessions ?? []);
  return (
    <Stack gap="lg">
      {mine.isError && <Alert color="red">{errorText(t, mine.error)}</Alert>}
      <MySessions assigned={groups.assigned} active={groups.active} />
      <ScenarioList canAssign={canAssign} myId={myId} />
    </Stack>
  );
}

/** Training: scenarios to practise, what was assigned, one's history; the team's progress for supervisors. */
export function TrainingPage() {
  const { t } = useTranslation();
  const session = useSession();
  const search = trainingRoute.useSearch();
  const navigate = useNavigate();
  const me = session.data?.user;
  if (!me) return null;
  const leads = me.role === 'supervisor' || me.role === 'owner';
  // The router hands over the address's other keys too: only the tabs this person has count.
  const tab = search.tab === 'history' || (search.tab === 'team' && leads) ? search.tab : 'practise';
  const go = (next: TrainingSearch) => void navigate({ to: '/training', search: next });
  return (
    <Stack maw={1200}>
      <Stack gap={4}>
        <Title order={1} size="h3">
          {t('training.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('training.intro')}
        </Text>
      </Stack>
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(value) => go(value === 'history' || value === 'team' ? { tab: value } : {})}
      >
        <Tabs.List>
          <Tabs.Tab value="practise">{t('training.tabs.practise')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('training.tabs.history')}</Tabs.Tab>
          {leads && <Tabs.Tab value="team">{t('training.tabs.team')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="practise" pt="md">
          <PractiseTab myId={me.id} canAssign={leads} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <SessionHistory
            userId={(leads && typeof search.user === 'string' && search.user) || me.id}
            canPickPerson={leads}
            onPickPerson={(user) => go({ tab: 'history', ...(user === me.id ? {} : { user }) })}
          />
        </Tabs.Panel>
        {leads && (
          <Tabs.Panel value="team" pt="md">
            <TeamProgress onOpenPerson={(user) => go({ tab: 'history', user })} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

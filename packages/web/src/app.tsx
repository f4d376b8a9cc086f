import { AppShell, Burger, Button, Center, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './components/language-switch.tsx';
import { useSession, useSignOut } from './features/auth/session.ts';
import { SignInPage } from './features/auth/sign-in-page.tsx';
import { CustomerPage } from './features/customer/customer-page.tsx';
import { InboxPage } from './features/inbox/inbox-page.tsx';

// The case page carries the text engine (lexicons, coach): loaded when first needed, so the inbox paints sooner.
const CasePage = lazy(() => import('./features/case/case-page.tsx').then((m) => ({ default: m.CasePage })));
// The charts (recharts) are only for supervisors: loaded when the analytics page opens.
const AnalyticsPage = lazy(() =>
  import('./features/analytics/analytics-page.tsx').then((m) => ({ default: m.AnalyticsPage })),
);

import { NewCasePage } from './features/new-case/new-case-page.tsx';
import { SettingsPage } from './features/settings/settings-page.tsx';
import { Link, navigate, pathFor, type Route, useRoute } from './routing/router.tsx';

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'inbox':
      return <InboxPage />;
    case 'case':
      return <CasePage id={route.params.id ?? ''} />;
    case 'customer':
      return <CustomerPage id={route.params.id ?? ''} />;
    case 'newCase':
      return <NewCasePage />;
    case 'settings':
      return <SettingsPage />;
    case 'analytics':
      return <AnalyticsPage />;
    default:
      return <InboxPage />;
  }
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const session = useSession();
  const signOut = useSignOut();
  const [opened, { toggle, close }] = useDisclosure();
  const signedIn = Boolean(session.data);

  useEffect(() => {
    if (signedIn && route.name === 'signIn') navigate(pathFor('inbox'), { replace: true });
  }, [signedIn, route.name]);

  if (session.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (!session.data) return <SignInPage />;

  const nav = [
    {
      href: pathFor('inbox'),
      label: t('nav.inbox'),
      active: route.name === 'inbox' || route.name === 'case',
    },
    { href: pathFor('newCase'), label: t('nav.newCase'), active: route.name === 'newCase' },
    { href: pathFor('settings'), label: t('nav.settings'), active: route.name === 'settings' },
  ];
  const role = session.data.user.role;
  if (role === 'supervisor' || role === 'owner') {
    nav.splice(2, 0, {
      href: pathFor('analytics'),
      label: t('nav.analytics'),
      active: route.name === 'analytics',
    });
  }
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 210, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={2} size="h4" visibleFrom="xs">
              {t('app.name')}
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Text size="sm" visibleFrom="sm">
              {session.data.user.name}
            </Text>
            <Button size="xs" variant="subtle" onClick={() => signOut.mutate()}>
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav">
        <Stack gap={2}>
          {nav.map((item) => (
            <NavLink
              key={item.href}
              component={Link}
              href={item.href}
              label={item.label}
              active={item.active}
              onClick={close}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
          <Page route={route} />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

import {
  AppShell,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  type NavLinkProps,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { createLink, type LinkProps, Outlet, useRouterState } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './components/language-switch.tsx';
import { useSession, useSignOut } from './features/auth/session.ts';
import { SignInPage } from './features/auth/sign-in-page.tsx';
import { useLiveEvents } from './features/live/use-live.ts';
import { NotificationBell } from './features/notifications/notification-bell.tsx';
import { ShortcutsHelp } from './features/shortcuts/shortcuts-help.tsx';

type NavAnchorProps = NavLinkProps & Omit<ComponentPropsWithRef<'a'>, keyof NavLinkProps>;

function NavAnchor(props: NavAnchorProps) {
  return <NavLink component="a" {...props} />;
}

const RouterNavLink = createLink(NavAnchor);

interface NavItem {
  to: LinkProps['to'];
  label: string;
  active: boolean;
}

/** The screen the address resolved to, by its route id (`/cases/$id`, or the root when none matched). */
function useLeafRouteId() {
  return useRouterState({ select: (state) => state.matches.at(-1)?.routeId });
}

function useNavItems(role: string): NavItem[] {
  const { t } = useTranslation();
  const leaf = useLeafRouteId();
  const items: NavItem[] = [
    { to: '/', label: t('nav.inbox'), active: leaf === '/' || leaf === '/cases/$id' },
    { to: '/cases/new', label: t('nav.newCase'), active: leaf === '/cases/new' },
    { to: '/commitments', label: t('caseWork.nav'), active: leaf === '/commitments' },
    {
      to: '/customers',
      label: t('customers.nav'),
      active: leaf === '/customers' || leaf === '/customers/$id',
    },
    { to: '/replies', label: t('replies.nav'), active: leaf === '/replies' },
    {
      to: '/training',
      label: t('nav.training'),
      active: leaf === '/training' || leaf === '/training/$id',
    },
    { to: '/profile', label: t('ownProfile.nav'), active: leaf === '/profile' },
    { to: '/settings', label: t('nav.settings'), active: leaf === '/settings' },
  ];
  if (role === 'supervisor' || role === 'owner') {
    items.splice(6, 0, { to: '/analytics', label: t('nav.analytics'), active: leaf === '/analytics' });
  }
  return items;
}

/** The root layout: the sign-in form for visitors, otherwise the shell around the current screen. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (!session.data) return <SignInPage />;
  return <SignedInShell name={session.data.user.name} role={session.data.user.role} />;
}

function SignedInShell({ name, role }: { name: string; role: string }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const [opened, { toggle, close }] = useDisclosure();
  const nav = useNavItems(role);
  useLiveEvents();
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
            <NotificationBell />
            <LanguageSwitch />
            <Text size="sm" visibleFrom="sm">
              {name}
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
            <RouterNavLink
              key={item.to}
              to={item.to}
              label={item.label}
              active={item.active}
              onClick={close}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
        <ShortcutsHelp />
      </AppShell.Main>
    </AppShell>
  );
}

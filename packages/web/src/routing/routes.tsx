import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, Navigate } from '@tanstack/react-router';
import { AppLayout } from '../app.tsx';
import { validateAnalyticsSearch } from '../features/analytics/analytics-search.ts';
import { sessionQuery } from '../features/auth/session.ts';
import { InboxPage } from '../features/inbox/inbox-page.tsx';
import { prefetchInbox } from '../features/inbox/use-cases.ts';
import { NotFoundPage } from './not-found-page.tsx';

export interface RouterContext {
  queryClient: QueryClient;
}

/**
 * The first inbox page loads as soon as the session proves valid; a signed-out visitor's start page
 * asks the API for nothing but the session.
 */
async function prefetchInboxWhenSignedIn(client: QueryClient): Promise<void> {
  const session = await client.ensureQueryData(sessionQuery).catch(() => null);
  if (session) prefetchInbox(client, session.user.role);
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  notFoundComponent: NotFoundPage,
});

// The inbox and the sign-in page are in the first chunk; every other screen is fetched when first visited.
const inboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: InboxPage,
  loader: ({ context }) => {
    void prefetchInboxWhenSignedIn(context.queryClient);
  },
});

// Signed out, the layout shows the sign-in form at any address; signed in, this address leads home.
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  component: () => <Navigate to="/" replace />,
});

const newCaseRoute = createRoute({ getParentRoute: () => rootRoute, path: '/cases/new' }).lazy(() =>
  import('./screens/new-case.lazy.tsx').then((m) => m.Route),
);

const caseRoute = createRoute({ getParentRoute: () => rootRoute, path: '/cases/$id' }).lazy(() =>
  import('./screens/case.lazy.tsx').then((m) => m.Route),
);

const customersRoute = createRoute({ getParentRoute: () => rootRoute, path: '/customers' }).lazy(() =>
  import('./screens/customers.lazy.tsx').then((m) => m.Route),
);

const repliesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/replies' }).lazy(() =>
  import('./screens/replies.lazy.tsx').then((m) => m.Route),
);

const profileRoute = createRoute({ getParentRoute: () => rootRoute, path: '/profile' }).lazy(() =>
  import('./screens/profile.lazy.tsx').then((m) => m.Route),
);

const customerRoute = createRoute({ getParentRoute: () => rootRoute, path: '/customers/$id' }).lazy(() =>
  import('./screens/customer.lazy.tsx').then((m) => m.Route),
);

/** `?tab=` opens a tab (the mailboxes, API tokens, imports, the audit log); none: the organisation. */
export const SETTINGS_TABS = ['channels', 'tokens', 'imports', 'audit'] as const;
export interface SettingsSearch {
  tab?: (typeof SETTINGS_TABS)[number];
}

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  validateSearch: (search: Record<string, unknown>): SettingsSearch =>
    SETTINGS_TABS.includes(search.tab as never) ? { tab: search.tab as SettingsSearch['tab'] } : {},
}).lazy(() => import('./screens/settings.lazy.tsx').then((m) => m.Route));

const commitmentsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/commitments' }).lazy(() =>
  import('./screens/commitments.lazy.tsx').then((m) => m.Route),
);

const analyticsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/analytics',
  validateSearch: validateAnalyticsSearch,
}).lazy(() => import('./screens/analytics.lazy.tsx').then((m) => m.Route));

/** `?tab=history` (with `&user=` for someone else's) or `?tab=team`; anything else is the scenarios. */
export interface TrainingSearch {
  tab?: 'history' | 'team';
  user?: string;
}

export function validateTrainingSearch(search: Record<string, unknown>): TrainingSearch {
  const tab = search.tab === 'history' || search.tab === 'team' ? search.tab : undefined;
  const user = tab === 'history' && typeof search.user === 'string' && search.user ? search.user : undefined;
  return { ...(tab ? { tab } : {}), ...(user ? { user } : {}) };
}

const trainingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/training',
  validateSearch: validateTrainingSearch,
}).lazy(() => import('./screens/training.lazy.tsx').then((m) => m.Route));

const trainingSessionRoute = createRoute({ getParentRoute: () => rootRoute, path: '/training/$id' }).lazy(
  () => import('./screens/training-session.lazy.tsx').then((m) => m.Route),
);

export const routeTree = rootRoute.addChildren([
  inboxRoute,
  signInRoute,
  newCaseRoute,
  caseRoute,
  customerRoute,
  customersRoute,
  repliesRoute,
  profileRoute,
  commitmentsRoute,
  settingsRoute,
  analyticsRoute,
  trainingRoute,
  trainingSessionRoute,
]);

import type { QueryClient } from '@tanstack/react-query';
import { createRouter, type RouterHistory } from '@tanstack/react-router';
import { RouteError, RouteLoading } from './route-states.tsx';
import { routeTree } from './routes.tsx';

/** The app's router: typed paths and params, screens fetched on first visit or when a link is hovered. */
export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({
    routeTree,
    ...(history ? { history } : {}),
    context: { queryClient },
    defaultPreload: 'intent',
    // Data lives in TanStack Query: a preload always calls the loader and Query decides whether to fetch.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: RouteLoading,
    defaultErrorComponent: RouteError,
    // A screen's chunk arrives in tens of milliseconds on a local network: show the spinner only past
    // that, and then long enough not to flicker.
    defaultPendingMs: 150,
    defaultPendingMinMs: 300,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

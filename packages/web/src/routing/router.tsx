import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/** The app's routes as data: a pattern like `/cases/:id` and the name a page is chosen by. */
export const ROUTES = {
  inbox: '/',
  signIn: '/sign-in',
  newCase: '/cases/new',
  case: '/cases/:id',
  customer: '/customers/:id',
  settings: '/settings',
  analytics: '/analytics',
} as const;
export type RouteName = keyof typeof ROUTES;

export interface Route {
  name: RouteName | 'notFound';
  params: Record<string, string>;
  query: URLSearchParams;
}

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = have[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

/** Resolves a location to a route; literal routes win over parameterised ones (`/cases/new`). */
export function resolveRoute(pathname: string, search = ''): Route {
  const query = new URLSearchParams(search);
  const entries = Object.entries(ROUTES) as [RouteName, string][];
  const ordered = [...entries].sort(([, a], [, b]) => Number(a.includes(':')) - Number(b.includes(':')));
  for (const [name, pattern] of ordered) {
    const params = matchPattern(pattern, pathname);
    if (params) return { name, params, query };
  }
  return { name: 'notFound', params: {}, query };
}

export function pathFor(name: RouteName, params: Record<string, string> = {}): string {
  return ROUTES[name].replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
}

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(to: string, { replace = false } = {}) {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

const locationKey = () => window.location.pathname + window.location.search;

export function useRoute(): Route {
  const key = useSyncExternalStore(subscribe, locationKey, () => '/');
  const url = new URL(key, 'http://local');
  return resolveRoute(url.pathname, url.search);
}

/** An anchor that navigates without a page load, but still opens in a new tab on ctrl/cmd-click. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handleClick} {...rest} />;
}

import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { describe, expect, it } from 'vitest';
import { createAppRouter } from './router.ts';
import { validateTrainingSearch } from './routes.tsx';

/**
 * Loads an address the way the browser would, without rendering: the screen it reached, its params, and
 * whether the router marked it not found (`_notFound` is the flag its <Matches> renders notFoundComponent by).
 */
async function open(path: string) {
  const router = createAppRouter(new QueryClient(), createMemoryHistory({ initialEntries: [path] }));
  await router.load();
  const matches = router.state.matches;
  const notFound = matches.some((match) => (match as { _notFound?: boolean })._notFound === true);
  const leaf = matches.at(-1);
  return { screen: leaf?.routeId, params: leaf?.params, notFound };
}

describe('the route tree', () => {
  it('keeps every screen at the address it always had', async () => {
    for (const path of ['/', '/sign-in', '/cases/new', '/settings', '/analytics', '/training']) {
      expect(await open(path)).toMatchObject({ screen: path, notFound: false });
    }
  });

  it('prefers the literal /cases/new over the /cases/$id pattern and decodes the id', async () => {
    expect(await open('/cases/42')).toMatchObject({ screen: '/cases/$id', params: { id: '42' } });
    expect(await open('/customers/a%20b')).toMatchObject({ screen: '/customers/$id', params: { id: 'a b' } });
  });

  it('opens a practice session at its own address, and keeps only the training tabs it knows', async () => {
    expect(await open('/training/s1')).toMatchObject({ screen: '/training/$id', params: { id: 's1' } });
    expect(validateTrainingSearch({ tab: 'history', user: 'u2' })).toEqual({ tab: 'history', user: 'u2' });
    expect(validateTrainingSearch({ tab: 'team', user: 'u2' })).toEqual({ tab: 'team' });
    expect(validateTrainingSearch({ tab: 'exam' })).toEqual({});
  });

  it('marks an unknown address not found instead of showing the inbox', async () => {
    for (const path of ['/nope', '/cases/42/extra', '/inbox']) {
      expect(await open(path), path).toMatchObject({ notFound: true });
    }
  });

  it('builds case addresses with the id encoded', () => {
    const router = createAppRouter(new QueryClient(), createMemoryHistory());
    expect(router.buildLocation({ to: '/cases/$id', params: { id: 'x/y' } }).href).toBe('/cases/x%2Fy');
  });
});

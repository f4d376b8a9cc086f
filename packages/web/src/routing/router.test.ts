import { describe, expect, it } from 'vitest';
import { pathFor, resolveRoute } from './router.tsx';

describe('resolveRoute', () => {
  it('prefers the literal /cases/new over the /cases/:id pattern', () => {
    expect(resolveRoute('/cases/new').name).toBe('newCase');
    expect(resolveRoute('/cases/42')).toMatchObject({ name: 'case', params: { id: '42' } });
  });

  it('decodes parameters and keeps the query', () => {
    const route = resolveRoute('/customers/a%20b', '?tab=timeline');
    expect(route.params.id).toBe('a b');
    expect(route.query.get('tab')).toBe('timeline');
  });

  it('answers notFound for unknown paths', () => {
    expect(resolveRoute('/nope/nothing').name).toBe('notFound');
  });
});

describe('pathFor', () => {
  it('round-trips through resolveRoute', () => {
    const path = pathFor('case', { id: 'x/y' });
    expect(path).toBe('/cases/x%2Fy');
    expect(resolveRoute(path).params.id).toBe('x/y');
  });
});

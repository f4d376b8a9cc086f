import { describe, expect, it } from 'vitest';
import { createPresenceStore, keysToRefresh } from './live-events.ts';

describe('keysToRefresh', () => {
  it('refreshes the inbox lists and the promises for a new case, and the case and customer pages and the bell too for a change to one', () => {
    expect(keysToRefresh({ type: 'case.created', caseId: 'c1', status: 'new', assigneeId: null })).toEqual([
      ['cases'],
      ['commitments'],
    ]);
    expect(
      keysToRefresh({ type: 'interaction.added', caseId: 'c1', interactionId: 'i1', kind: 'inbound' }),
    ).toEqual([['cases'], ['case', 'c1'], ['customer'], ['notifications'], ['commitments']]);
    expect(keysToRefresh({ type: 'case.updated', caseId: 'c2', status: 'open', assigneeId: 'u1' })).toEqual([
      ['cases'],
      ['case', 'c2'],
      ['customer'],
      ['notifications'],
      ['commitments'],
    ]);
    expect(keysToRefresh({ type: 'presence', caseId: 'c1', users: [] })).toEqual([]);
  });
});

describe('the presence store', () => {
  it('keeps who is replying per case, adds users a mark answered with, and tells its readers', () => {
    const store = createPresenceStore();
    let told = 0;
    store.subscribe(() => {
      told += 1;
    });
    const anna = { id: 'u1', name: 'Anna Nowak' };
    const piret = { id: 'u2', name: 'Piret Kask' };
    store.set('c1', [anna]);
    const before = store.usersOf('c1');
    store.include('c1', [anna]);
    expect(store.usersOf('c1')).toBe(before);
    store.include('c1', [piret]);
    expect(store.usersOf('c1')).toEqual([anna, piret]);
    store.set('c1', []);
    expect(store.usersOf('c1')).toEqual([]);
    expect(store.usersOf('c1')).toBe(store.usersOf('other'));
    expect(told).toBe(3);
  });
});

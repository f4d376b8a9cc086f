import { describe, expect, it } from 'vitest';
import { createPresenceBoard } from './presence.ts';
import { channelOf, encodeSignal } from './transport.ts';

const anna = { id: 'u1', name: 'Anna Nowak' };
const piret = { id: 'u2', name: 'Piret Kask' };

describe('the presence board', () => {
  it('lists who opened the reply box first, first, and keeps that order on heartbeats', () => {
    const board = createPresenceBoard(25_000);
    expect(board.mark('c1', anna, true, 0)).toBe(true);
    expect(board.mark('c1', piret, true, 1_000)).toBe(true);
    expect(board.mark('c1', anna, true, 10_000)).toBe(false);
    expect(board.usersOf('c1')).toEqual([anna, piret]);
    expect(board.cases()).toEqual(['c1']);
  });

  it('drops a mark not renewed within its time, and a closed box at once', () => {
    const board = createPresenceBoard(25_000);
    board.mark('c1', anna, true, 0);
    board.mark('c1', piret, true, 20_000);
    expect(board.expire(24_999)).toEqual([]);
    expect(board.expire(25_000)).toEqual(['c1']);
    expect(board.usersOf('c1')).toEqual([piret]);
    expect(board.mark('c1', piret, false, 30_000)).toBe(true);
    expect(board.cases()).toEqual([]);
    expect(board.mark('c1', piret, false, 30_000)).toBe(false);
  });
});

describe('the live channel', () => {
  it('gives each schema a channel of its own within PostgreSQL’s 63-byte names', () => {
    expect(channelOf(undefined)).toBe('calmdesk_events');
    expect(channelOf('shop_a')).toBe('calmdesk_events_shop_a');
    const long = channelOf('x'.repeat(60));
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).not.toBe(channelOf('y'.repeat(60)));
  });

  it('refuses a signal too large for NOTIFY', () => {
    const user = { id: 'u1', name: 'n'.repeat(8_000) };
    expect(encodeSignal({ type: 'replying', caseId: 'c1', user, active: true })).toBeNull();
    expect(encodeSignal({ type: 'replying', caseId: 'c1', user: anna, active: true })).toContain('Anna');
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('LOG_FORMAT', () => {
  it('defaults to readable lines on a terminal and JSON elsewhere', () => {
    expect(loadConfig({}, { isTerminal: true }).logFormat).toBe('pretty');
    expect(loadConfig({}, { isTerminal: false }).logFormat).toBe('json');
  });

  it('is taken as set, whatever the output is', () => {
    expect(loadConfig({ LOG_FORMAT: 'json' }, { isTerminal: true }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, { isTerminal: false }).logFormat).toBe('pretty');
  });

  it('names LOG_FORMAT when its value is unknown', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/logFormat/);
  });
});

describe('TRUST_PROXY', () => {
  it('believes no proxy unless told, and takes true or addresses', () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
  });
});

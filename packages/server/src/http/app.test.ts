import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { buildApp } from './app.ts';

describe('http app', () => {
  it('answers the health check', async () => {
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }));
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    await app.close();
  });
});

describe('config', () => {
  it('lets command-line options win over the environment', () => {
    const config = loadConfig({ PORT: '4000' }, { port: '5000' });
    expect(config.port).toBe(5000);
  });

  it('names the bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/port/);
  });
});

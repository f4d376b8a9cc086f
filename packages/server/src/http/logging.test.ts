import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Config } from '../config.ts';
import { createLogger, QuietRequestLog, redactUrl } from './logging.ts';

describe('redactUrl', () => {
  it('keeps the path and the parameter names but no query value', () => {
    expect(redactUrl('/api/customers?q=anna%40example.com&limit=5')).toBe('/api/customers?q=…&limit=…');
    expect(redactUrl('/api/cases?search=zwrot+pieni%C4%99dzy')).toBe('/api/cases?search=…');
  });

  it('masks a path segment holding an e-mail address', () => {
    expect(redactUrl('/api/users/anna@example.com/roles')).toBe('/api/users/…@…/roles');
    expect(redactUrl('/api/users/anna%40example.com')).toBe('/api/users/…@…');
  });

  it('leaves a URL without query or address as it is', () => {
    expect(redactUrl('/api/cases/42')).toBe('/api/cases/42');
    expect(redactUrl('/api/cases?')).toBe('/api/cases?');
  });
});

/** A Fastify app logging as CalmDesk's does into an array of lines, with one route. */
async function appLoggingTo(config: Pick<Config, 'logLevel' | 'logFormat'>) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = Fastify({
    loggerInstance: createLogger(config, destination),
    logController: new QuietRequestLog(),
  });
  app.get('/api/customers', async () => []);
  await app.ready();
  return { app, lines };
}

describe('request logging', () => {
  it('writes no line for a request at info level', async () => {
    const { app, lines } = await appLoggingTo({ logLevel: 'info', logFormat: 'json' });
    await app.inject('/api/customers?q=anna@example.com');
    app.log.info('marker');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['marker']);
  });

  it('logs requests at debug level with the search term and address left out', async () => {
    const { app, lines } = await appLoggingTo({ logLevel: 'debug', logFormat: 'json' });
    await app.inject('/api/customers?q=anna@example.com&search=Kowalska');
    await app.inject('/api/nothing-here?email=jan@example.com');
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.map((e) => e.msg)).toEqual([
      'incoming request',
      'request completed',
      'incoming request',
      'route not found',
      'request completed',
    ]);
    expect(entries[0].req.url).toBe('/api/customers?q=…&search=…');
    expect(entries[3].req.url).toBe('/api/nothing-here?email=…');
    expect(lines.join('\n')).not.toMatch(/example\.com|Kowalska/);
  });

  it('writes readable lines, not JSON, in the pretty format', async () => {
    const { app, lines } = await appLoggingTo({ logLevel: 'debug', logFormat: 'pretty' });
    await app.inject('/api/customers?q=anna@example.com');
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] DEBUG.*incoming request/);
    expect(lines[0]).toContain('/api/customers?q=…');
    expect(lines.join('\n')).not.toContain('example.com');
  });
});

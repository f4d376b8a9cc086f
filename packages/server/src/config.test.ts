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
    expect(loadConfig({ TRUST_PROXY: 'loopback, ::1, fd00::/8' }).trustProxy).toBe('loopback, ::1, fd00::/8');
  });

  it('names TRUST_PROXY when an entry is not an address or a range, instead of failing at start-up', () => {
    for (const bad of ['proxy.example.com', '10.0.0.0/33', '10.0.0.1,', '2', '10.0.0.0/8/1', '::1/129']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/trustProxy: true, or IP addresses/);
    }
  });
});

describe('the SMTP listener settings', () => {
  it('listen nowhere unless a port is given, on loopback by default, and take 40 MiB', () => {
    const config = loadConfig({});
    expect(config.smtpPort).toBeUndefined();
    expect(config.smtpHost).toBe('127.0.0.1');
    expect(config.smtpMaxBytes).toBe(40 * 1024 * 1024);
  });

  it('take the port and host from the command line over SMTP_LISTEN_PORT and SMTP_LISTEN_HOST', () => {
    const env = { SMTP_LISTEN_PORT: '2525', SMTP_LISTEN_HOST: '0.0.0.0', SMTP_MAX_MESSAGE_BYTES: '1048576' };
    expect(loadConfig(env)).toMatchObject({ smtpPort: 2525, smtpHost: '0.0.0.0', smtpMaxBytes: 1048576 });
    expect(loadConfig(env, { smtpPort: '25', smtpHost: '10.0.0.5' })).toMatchObject({
      smtpPort: 25,
      smtpHost: '10.0.0.5',
    });
  });

  it('want the TLS key and certificate together', () => {
    expect(() => loadConfig({ SMTP_TLS_KEY: '/etc/calmdesk/key.pem' })).toThrow(
      /SMTP_TLS_KEY and SMTP_TLS_CERT/,
    );
    expect(
      loadConfig({ SMTP_TLS_KEY: '/etc/calmdesk/key.pem', SMTP_TLS_CERT: '/etc/calmdesk/cert.pem' })
        .smtpTlsCert,
    ).toBe('/etc/calmdesk/cert.pem');
  });
});

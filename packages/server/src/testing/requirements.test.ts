import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPart, hasPart, MissingPartError, missingLine, requiredParts } from './requirements.ts';

describe('test requirements', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-requirements-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const executable = join(dir, 'chromium');
  writeFileSync(executable, '#!/bin/sh\n');
  chmodSync(executable, 0o755);
  const plainFile = join(dir, 'dovecot');
  writeFileSync(plainFile, 'not a program');

  it('reads the required parts from a comma list and refuses an unknown one', () => {
    expect(requiredParts({})).toEqual(new Set());
    expect(requiredParts({ CALMDESK_TEST_REQUIRE: ' browser, imap,,postgres ' })).toEqual(
      new Set(['browser', 'imap', 'postgres']),
    );
    expect(() => requiredParts({ CALMDESK_TEST_REQUIRE: 'browser,chrome' })).toThrow(
      "unknown part 'chrome'; the parts are browser, postgres, imap",
    );
  });

  it('finds Chromium where CHROMIUM_PATH points, and says how to get it when it is missing', async () => {
    expect(await checkPart('browser', { CHROMIUM_PATH: executable })).toEqual({
      part: 'browser',
      available: true,
      detail: `Chromium at ${executable}`,
    });
    const missing = await checkPart('browser', { CHROMIUM_PATH: join(dir, 'nothing') });
    expect(missing).toMatchObject({ available: false, detail: expect.stringContaining('nothing') });
  });

  it('takes a file that cannot be run for a missing Dovecot', async () => {
    expect(await checkPart('imap', { DOVECOT_PATH: executable })).toMatchObject({ available: true });
    const missing = await checkPart('imap', { DOVECOT_PATH: plainFile });
    expect(missing).toMatchObject({ available: false });
    expect(missing.detail).toContain('apt-get install -y dovecot-imapd');
  });

  it('finds no PostgreSQL without DATABASE_URL or when nothing answers there', async () => {
    const unset = await checkPart('postgres', {});
    expect(unset).toMatchObject({
      available: false,
      detail: expect.stringContaining('DATABASE_URL is not set'),
    });
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const refused = await checkPart('postgres', { DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/db' }, 1000);
    expect(refused.available).toBe(false);
    expect(refused.detail).toContain('does not answer');
    expect(refused.detail).not.toContain('secret');
  });

  it('skips a missing part, or fails when CALMDESK_TEST_REQUIRE names it', async () => {
    const env = { CHROMIUM_PATH: join(dir, 'nothing') };
    expect(await hasPart('browser', env)).toBe(false);
    expect(await hasPart('browser', { CHROMIUM_PATH: executable, CALMDESK_TEST_REQUIRE: 'browser' })).toBe(
      true,
    );
    await expect(hasPart('browser', { ...env, CALMDESK_TEST_REQUIRE: 'imap,browser' })).rejects.toThrow(
      MissingPartError,
    );
    expect(await hasPart('browser', { ...env, CALMDESK_TEST_REQUIRE: 'imap' })).toBe(false);
  });

  it('says in one line what is missing and whether it skips or fails', async () => {
    const status = await checkPart('browser', { CHROMIUM_PATH: join(dir, 'nothing') });
    const skipped = missingLine(status, 'the browser tests', false);
    expect(skipped).toBe(`skipped the browser tests: no Chromium at CHROMIUM_PATH=${join(dir, 'nothing')}`);
    expect(missingLine(status, 'the browser tests', true)).toMatch(
      /^FAIL the browser tests: .*requires browser$/,
    );
    const debian = await checkPart('browser', { CHROMIUM_PATH: '' });
    if (!debian.available) expect(debian.detail).toContain('apt-get install -y chromium');
    expect(skipped).not.toContain('\n');
  });
});

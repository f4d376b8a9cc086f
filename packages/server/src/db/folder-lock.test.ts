import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { FolderBusyError, lockFolder } from './folder-lock.ts';

describe('the embedded database folder lock', () => {
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'calmdesk-lock-'));
    folders.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second opener while a live process holds the folder', () => {
    const dir = folder();
    // The parent of this test process is alive for as long as the test runs.
    writeFileSync(join(dir, 'calmdesk.lock'), `${process.ppid}\n`);
    expect(() => lockFolder(dir)).toThrow(FolderBusyError);
    expect(() => lockFolder(dir)).toThrow(String(process.ppid));
  });

  it('takes over a lock left by a process that died', () => {
    const dir = folder();
    writeFileSync(join(dir, 'calmdesk.lock'), '999999999\n');
    const release = lockFolder(dir);
    release();
    expect(() => lockFolder(dir)()).not.toThrow();
  });

  it('holds the folder while the database is open and frees it on close', async () => {
    const dir = folder();
    const opened = await openDatabase({ dataDir: dir });
    try {
      expect(Number.parseInt(readFileSync(join(dir, 'calmdesk.lock'), 'utf8'), 10)).toBe(process.pid);
      expect(() => lockFolder(dir)).toThrow(FolderBusyError);
    } finally {
      await opened.close();
    }
    expect(() => lockFolder(dir)()).not.toThrow();
  });
});

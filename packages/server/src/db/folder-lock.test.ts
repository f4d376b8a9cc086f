import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { countEntries, looseEntries } from './file-modes.test-helper.ts';
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

describe('the embedded database folder', () => {
  const folders: string[] = [];
  const inTemp = (...parts: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'calmdesk-modes-'));
    folders.push(dir);
    return join(dir, ...parts);
  };
  afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is created 0700 with files 0600, while open and after close', async () => {
    const dir = inTemp('fresh', 'data');
    const database = await openDatabase({ dataDir: dir });
    try {
      expect(countEntries(dir)).toBeGreaterThan(1000);
      expect(looseEntries(dir)).toEqual([]);
    } finally {
      await database.close();
    }
    expect(looseEntries(dir)).toEqual([]);
  }, 60_000);

  it('is tightened on open when an older folder let everyone read and write it', async () => {
    const dir = inTemp('loose');
    await (await openDatabase({ dataDir: dir })).close();
    loosen(dir);
    expect(looseEntries(dir).length).toBeGreaterThan(1000);
    const database = await openDatabase({ dataDir: dir });
    try {
      expect(looseEntries(dir)).toEqual([]);
    } finally {
      await database.close();
    }
  }, 60_000);
});

function loosen(path: string): void {
  const isFolder = statSync(path).isDirectory();
  chmodSync(path, isFolder ? 0o777 : 0o666);
  if (isFolder) for (const name of readdirSync(path)) loosen(join(path, name));
}

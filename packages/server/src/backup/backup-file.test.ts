import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readBackup } from './backup-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'calmdesk-backup-file-'));

/** A gzip file whose first line is no backup header and whose compressed data is damaged far further on. */
function refusedAtOnceDamagedLater(): string {
  // Text that does not compress away, so the damage lies well past the first line's block.
  const filler = Array.from({ length: 40_000 }, (_, i) =>
    createHash('sha256').update(String(i)).digest('hex'),
  );
  const bytes = Buffer.from(gzipSync(`{"hello":"world"}\n${filler.join('\n')}\n`));
  const at = bytes.length - 4_000;
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  const path = join(dir, 'damaged-later.calmdesk-backup');
  writeFileSync(path, bytes);
  return path;
}

/** Does this process hold the file open? Read from Linux's /proc. */
function isOpen(path: string): boolean {
  return readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false; // closed while listed
    }
  });
}

describe.skipIf(!existsSync('/proc/self/fd'))('reading a backup file', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops reading a file it refused, so damage further on throws nothing afterwards', async () => {
    const path = refusedAtOnceDamagedLater();
    const uncaught: Error[] = [];
    const listen = (error: Error) => uncaught.push(error);
    process.on('uncaughtException', listen);
    try {
      await expect(
        readBackup(
          path,
          () => {},
          () => {},
        ),
      ).rejects.toThrow(/does not start with a CalmDesk backup header/);
      // The same file read to its damage by a reader that nothing holds back: by then the refused
      // file is closed, and nothing left behind reads on towards the damage.
      const whole = createReadStream(path).pipe(createGunzip());
      whole.resume();
      await expect(finished(whole)).rejects.toThrow(/incorrect data check|invalid/);
      expect(isOpen(path)).toBe(false);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', listen);
    }
  });
});

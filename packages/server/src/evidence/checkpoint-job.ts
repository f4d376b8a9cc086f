import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { signCheckpoint } from './checkpoint.ts';
import { loadSigningKey } from './checkpoint-key.ts';
import { isIntact, takeLogHeads } from './evidence.service.ts';

/**
 * The daily checkpoint `serve` writes into CHECKPOINT_DIR: signed heads of every chain. A broken chain
 * fails the job (the owner sees it among the jobs) rather than being vouched for. Returns the file.
 */
export async function writeDailyCheckpoint(
  db: Db,
  config: Pick<Config, 'checkpointKey' | 'dataDir'> & { checkpointDir: string },
  now: Date,
): Promise<string> {
  const { privateKey } = loadSigningKey(config.checkpointKey, config.dataDir);
  const { report, heads } = await takeLogHeads(db);
  if (!isIntact(report))
    throw new Error('a log is broken (run calmdesk verify-log): no checkpoint written for it to vouch for');
  mkdirSync(config.checkpointDir, { recursive: true, mode: 0o700 });
  const path = join(config.checkpointDir, `checkpoint-${now.toISOString().replaceAll(':', '-')}.json`);
  writeFileSync(path, `${JSON.stringify(signCheckpoint(heads, now, privateKey), null, 2)}\n`);
  return path;
}

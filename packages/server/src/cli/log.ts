import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { signCheckpoint } from '../evidence/checkpoint.ts';
import { CheckpointKeyError, loadSigningKey, publicKeyPathOf } from '../evidence/checkpoint-key.ts';
import { type LogHeads, logHeadsAsCli } from '../local/local.service.ts';
import { parseSubcommandArgs } from './args.ts';
import { type Command, writeLine } from './command.ts';
import { runOnDatabase } from './local-target.ts';
import { printLogReport } from './log-report.ts';

const USAGE = 'Usage: calmdesk log checkpoint [--data DIR] [--key FILE] [--out FILE]';

export const logCommand: Command = {
  name: 'log',
  summary:
    'log checkpoint [--key FILE] [--out FILE]: sign where every log ends, to keep outside the database',
  async run(args, io) {
    const parsed = parseSubcommandArgs(
      args,
      ['checkpoint'],
      USAGE,
      {
        data: { type: 'string' },
        key: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      io.stdout,
    );
    if (parsed === undefined) return 0;
    const { values } = parsed;
    const config = loadConfig(io.env, { dataDir: values.data, checkpointKey: values.key });
    let signing: ReturnType<typeof loadSigningKey>;
    try {
      signing = loadSigningKey(config.checkpointKey, config.dataDir);
    } catch (error) {
      if (!(error instanceof CheckpointKeyError)) throw error;
      writeLine(io.stderr, `calmdesk log: ${error.message}`);
      return 1;
    }
    if (signing.created)
      writeLine(
        io.stderr,
        `created the checkpoint signing key ${config.checkpointKey} (0600); keep a copy of its public key ${publicKeyPathOf(config.checkpointKey)} where the database's users cannot change it`,
      );
    const taken = await runOnDatabase<LogHeads>(
      config,
      { path: '/api/local/log-heads', body: {} },
      logHeadsAsCli,
    );
    if (printLogReport(taken.report, io) !== 0) {
      writeLine(io.stderr, 'calmdesk log: no checkpoint written: a checkpoint would vouch for a broken log');
      return 1;
    }
    const now = new Date();
    const out = resolve(values.out ?? `calmdesk-checkpoint-${now.toISOString().replaceAll(':', '-')}.json`);
    const file = signCheckpoint(taken.heads, now, signing.privateKey);
    writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx' });
    writeLine(
      io.stdout,
      `checkpoint of ${file.heads.cases.length} case logs and the audit log (${file.heads.audit.length} chains) written to ${out}`,
    );
    return 0;
  },
};

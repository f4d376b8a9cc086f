import { readFileSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { CheckpointError, readCheckpoint } from '../evidence/checkpoint.ts';
import { CheckpointKeyError, loadTrustedKey } from '../evidence/checkpoint-key.ts';
import type { LocalVerifyLog, LogReport } from '../local/local.service.ts';
import { verifyLogsAsCli } from '../local/local.service.ts';
import { parseCommandArgs } from './args.ts';
import { type Command, writeLine } from './command.ts';
import { runOnDatabase } from './local-target.ts';
import { printLogReport } from './log-report.ts';

const USAGE = 'Usage: calmdesk verify-log [--data DIR] [--checkpoint FILE [--public-key FILE | --key FILE]]';

export const verifyLogCommand: Command = {
  name: 'verify-log',
  summary: "check every case's log and the audit log, and against a signed checkpoint; exit 1 if altered",
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      data: { type: 'string' },
      checkpoint: { type: 'string' },
      key: { type: 'string' },
      'public-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      writeLine(io.stdout, USAGE);
      return 0;
    }
    const config = loadConfig(io.env, {
      dataDir: values.data,
      checkpointKey: values.key,
      checkpointPublicKey: values['public-key'],
    });
    let input: LocalVerifyLog = {};
    if (values.checkpoint) {
      try {
        input = { checkpoint: trustedCheckpoint(values.checkpoint, config).heads };
      } catch (error) {
        if (!(error instanceof CheckpointError || error instanceof CheckpointKeyError)) throw error;
        writeLine(io.stderr, `calmdesk verify-log: ${values.checkpoint}: ${error.message}`);
        return 1;
      }
    }
    const report = await runOnDatabase<LogReport>(
      config,
      { path: '/api/local/verify-log', body: input },
      (db) => verifyLogsAsCli(db, input),
    );
    return printLogReport(report, io);
  },
};

function trustedCheckpoint(
  path: string,
  config: { checkpointKey: string; checkpointPublicKey?: string | undefined },
) {
  const trusted = loadTrustedKey({
    publicKeyPath: config.checkpointPublicKey,
    keyPath: config.checkpointKey,
  });
  if (!trusted)
    throw new CheckpointKeyError(
      `no key to check it against: give --public-key FILE (or CHECKPOINT_PUBLIC_KEY), or --key with the signing key`,
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CheckpointError('cannot be read');
  }
  return readCheckpoint(text, trusted);
}

import { loadConfig } from '../config.ts';
import { type LogReport, verifyLogsAsCli } from '../local/local.service.ts';
import { parseCommandArgs } from './args.ts';
import { type Command, writeLine } from './command.ts';
import { runOnDatabase } from './local-target.ts';

export const verifyLogCommand: Command = {
  name: 'verify-log',
  summary: "check every case's hash-chained log; exit 1 if an entry was altered",
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      writeLine(io.stdout, 'Usage: calmdesk verify-log [--data DIR]');
      return 0;
    }
    const config = loadConfig(io.env, { dataDir: values.data });
    const report = await runOnDatabase<LogReport>(config, { path: '/api/local/verify-log', body: {} }, (db) =>
      verifyLogsAsCli(db),
    );
    const checked = `checked ${report.cases} cases, ${report.entries} log entries`;
    const first = report.broken[0];
    if (!first) {
      writeLine(io.stdout, `${checked}: every chain is intact`);
      return 0;
    }
    writeLine(io.stdout, `${checked}: ${report.broken.length} broken`);
    writeLine(io.stdout, `first broken entry: case ${first.caseId} seq ${first.brokenAt}`);
    for (const more of report.broken.slice(1))
      writeLine(io.stdout, `also broken: case ${more.caseId} seq ${more.brokenAt}`);
    return 1;
  },
};

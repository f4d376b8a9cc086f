import type { LogReport } from '../local/local.service.ts';
import { type CliIo, writeLine } from './command.ts';

/** verify-log's lines for a report; returns the exit code: 0 when every chain holds, else 1. */
export function printLogReport(report: LogReport, io: Pick<CliIo, 'stdout'>): number {
  const out = (line: string) => writeLine(io.stdout, line);
  const checked = `checked ${report.cases} cases, ${report.entries} log entries`;
  const first = report.broken[0];
  if (first) {
    out(`${checked}: ${report.broken.length} broken`);
    out(`first broken entry: case ${first.caseId} seq ${first.brokenAt} (${first.problem})`);
    for (const more of report.broken.slice(1))
      out(`also broken: case ${more.caseId} seq ${more.brokenAt} (${more.problem})`);
  } else out(`${checked}: every chain is intact`);
  for (const orgId of [...new Set(report.audit.map((chain) => chain.orgId))]) {
    const chains = report.audit.filter((chain) => chain.orgId === orgId);
    const entries = chains.reduce((sum, chain) => sum + chain.entries, 0);
    const broken = chains.filter((chain) => !chain.ok);
    if (broken.length === 0)
      out(`audit log of organisation ${orgId}: ${entries} entries in ${chains.length} chains, intact`);
    for (const chain of broken)
      out(
        `audit log of organisation ${orgId}, chain ${chain.shard}: broken at seq ${chain.brokenAt} (${chain.problem})`,
      );
  }
  const checkpoint = report.checkpoint;
  if (checkpoint) {
    if (checkpoint.differ.length === 0)
      out(`checkpoint: all ${checkpoint.chains} chains still hold what it recorded`);
    for (const differ of checkpoint.differ)
      out(`checkpoint: ${differ.chain} seq ${differ.seq} is ${differ.problem} since the checkpoint`);
  }
  const intact =
    report.broken.length === 0 && report.audit.every((a) => a.ok) && (checkpoint?.differ.length ?? 0) === 0;
  return intact ? 0 : 1;
}

/**
 * `npm run bench`: speed, not correctness. Every figure is reported next to a floor measured in the
 * same run on the same machine, so the ratios mean something on any hardware.
 */

import { renderTable } from '@calmdesk/analysis/table';
import { runAnalysisBench } from './analysis.ts';
import { reportAnalyticsBench } from './analytics.ts';
import { reportApiBench } from './api.ts';
import { runCoachBench } from './coach.ts';
import { reportLiveBench } from './live.ts';
import { reportMailBench } from './mail.ts';
import { reportProcessesBench } from './processes.ts';
import { reportScreensBench } from './screens.ts';
import { reportSearchBench } from './search.ts';
import { reportSweepBench } from './sweep.ts';

const markdown = process.argv.includes('--markdown');
const { rows, cold } = await runAnalysisBench();
console.log(
  renderTable(
    'Message analysis, single-threaded, messages < 500 chars (targets: ≥ 20,000 msg/s, ≤ 5× floor, p99 < 1 ms); × floor time: median of paired passes over every message, without per-call timers',
    ['contender', 'messages/s', 'p50 µs', 'p99 µs', '× floor time'],
    rows,
    markdown,
  ),
);
console.log(
  renderTable(
    'Cold start: import + first analysis, fresh Node process (median of 11)',
    ['build', 'ms', 'target'],
    cold,
    markdown,
  ),
);
console.log(
  renderTable(
    'Reply coach on a 1,000-character draft (2,000 runs)',
    ['call', 'p50 ms', 'p99 ms', 'target'],
    runCoachBench(),
    markdown,
  ),
);

await reportApiBench(markdown);
await reportAnalyticsBench(markdown);
await reportScreensBench(markdown);
await reportLiveBench(markdown);
await reportMailBench(markdown);
await reportProcessesBench(markdown);
await reportSearchBench(markdown);
await reportSweepBench(markdown);

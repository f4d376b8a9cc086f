/**
 * `npm run eval`: scores the analysis engine on our own labelled sets (eval/sets/), on the blind
 * rounds kept in eval/blind/ and on the public sets in ../shared/data (skipped with a message when
 * absent). `-- --markdown` prints Markdown tables; `-- --blind <folder>` scores one more blind round
 * (messages.jsonl, drafts.jsonl) that is not kept yet. Last, the problem count against the training
 * corpus's writers (problem-count.ts).
 */
import { evaluateBlindSets } from './blind-sets.ts';
import { evaluateCoachSets } from './coach-sets.ts';
import { compareLearned } from './learned-comparison.ts';
import { evaluateOwnSets } from './own-sets.ts';
import { evaluateProblemCount } from './problem-count.ts';
import { evaluatePublicSets } from './public-sets.ts';

const markdown = process.argv.includes('--markdown');
const onlyOwn = process.argv.includes('--own');
const blindAt = process.argv.indexOf('--blind');
const extraBlind = blindAt >= 0 && process.argv[blindAt + 1] ? [process.argv[blindAt + 1] as string] : [];
const out: string[] = [];
const started = performance.now();
evaluateOwnSets(markdown, out);
evaluateCoachSets(markdown, out);
evaluateBlindSets(markdown, out, extraBlind);
if (!onlyOwn) evaluatePublicSets(markdown, out);
if (!onlyOwn) compareLearned(markdown, out);
if (!onlyOwn) evaluateProblemCount(markdown, out);
console.log(out.join('\n'));
console.log(`\n(eval took ${((performance.now() - started) / 1000).toFixed(1)} s)`);

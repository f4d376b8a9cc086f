/**
 * `npm run eval`: scores the analysis engine on our own labelled sets (eval/sets/) and on the public
 * sets in ../shared/data (skipped with a message when absent). `-- --markdown` prints Markdown tables.
 */
import { evaluateCoachSets } from './coach-sets.ts';
import { evaluateOwnSets } from './own-sets.ts';
import { evaluatePublicSets } from './public-sets.ts';

const markdown = process.argv.includes('--markdown');
const onlyOwn = process.argv.includes('--own');
const out: string[] = [];
const started = performance.now();
evaluateOwnSets(markdown, out);
evaluateCoachSets(markdown, out);
if (!onlyOwn) evaluatePublicSets(markdown, out);
console.log(out.join('\n'));
console.log(`\n(eval took ${((performance.now() - started) / 1000).toFixed(1)} s)`);

import { DRAFT_LABELS } from '../src/learned/draft-labels.ts';
import { COACH_RULES, ELEMENTS } from '../src/vocabulary.ts';
import { type CorpusDraft, type CorpusFile, FOLDS } from './corpus-data.ts';
import {
  calibrationTable,
  fixed3,
  markdownTable,
  microScores,
  outOfFoldCounts,
  topFeatures,
} from './report.ts';
import type { DraftTraining } from './train-drafts.ts';

const row = (name: string, s: { p: number; r: number; f1: number }) =>
  [name, fixed3(s.p), fixed3(s.r), fixed3(s.f1)] as (string | number)[];

/** REPORT.md's section on the draft model: out-of-fold figures, rules alone and rules + model. */
export function draftReport(files: readonly CorpusFile<CorpusDraft>[], drafts: DraftTraining): string {
  const { model, items, calibration, trained } = drafts;
  const before = outOfFoldCounts(items, DRAFT_LABELS, model, false);
  const after = outOfFoldCounts(items, DRAFT_LABELS, model, true);
  return `# The draft model (reply coach): last training run

The coach's second opinion (\`src/learned/draft-model.generated.ts\`), trained the same way on the
corpus's agent drafts: the coach's findings and the checklist's elements as labels, the draft files
dealt into ${FOLDS} folds as the message files are, thresholds set on out-of-fold scores of the drafts
coached with a fold model (the rules first; the model may only add what they missed).

- Input checksum: \`${model.checksum}\`
- Corpus: ${files.length} draft files, ${items.length} drafts (${files.map((f) => `${f.name} → fold ${f.fold}`).join(', ')})
- Kept weights: ${model.entries} (${model.weights.length} base64 characters)

## Out of fold: rules alone and rules + model

${markdownTable(
  ['', 'precision', 'recall', 'F1'],
  [
    row('findings, rules', microScores(before, COACH_RULES)),
    row('findings, rules + model', microScores(after, COACH_RULES)),
    row('checklist (elements), rules', microScores(before, ELEMENTS)),
    row('checklist (elements), rules + model', microScores(after, ELEMENTS)),
  ],
)}

${calibrationTable('finding / element', DRAFT_LABELS, trained.positives, calibration, before, after)}

## Strongest features per finding and element (a text each was read from, and its weight)

${model.flags.map((label, f) => `- **${label}**: ${topFeatures(model, f, trained.sampleOf)}`).join('\n')}
`;
}

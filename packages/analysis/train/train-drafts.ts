/**
 * The draft side of the learned second opinion: the corpus's agent drafts (`drafts-NN.jsonl`) as
 * training texts, their out-of-fold scores through the coach, and the calibrated model. The same
 * trainer, features and calibration as the message model (train-model.ts, calibrate.ts).
 */
import { coachReply, createCoach, draftOwnRanges } from '../src/coach/coach-reply.ts';
import { DRAFT_LABELS, type DraftLabel } from '../src/learned/draft-labels.ts';
import { MIN_NORM_FEATURES } from '../src/learned/features.ts';
import { createScorer, type LearnedModel, type Scorer } from '../src/learned/score.ts';
import { readableText } from '../src/text/readable.ts';
import type { Coaching } from '../src/types.ts';
import {
  CALIBRATION_SETTINGS,
  type CalibrationItem,
  calibrate,
  type FlagCalibration,
  shippedModel,
} from './calibrate.ts';
import { CORPUS_FOLDER, type CorpusDraft, type CorpusFile, FOLDS, inputChecksum } from './corpus-data.ts';
import {
  type Example,
  TRAIN_SETTINGS,
  type TrainResult,
  type TrainSettings,
  trainModel,
} from './train-model.ts';

/** The message model's settings; out of fold they did as well on drafts as anything tried. */
export const DRAFT_TRAIN_SETTINGS: TrainSettings = { ...TRAIN_SETTINGS };

const LABEL_SET: ReadonlySet<string> = new Set(DRAFT_LABELS);

/**
 * A corpus draft as a training text: the agent's own words as the coach's model reads them (quotes
 * left out), and its findings and elements.
 */
export function draftExampleOf(draft: CorpusDraft): Example<DraftLabel> {
  const text = readableText(draft.text).text;
  const own = draftOwnRanges(text)
    .map((r) => text.slice(r.start, r.end))
    .join('\n');
  const labels = [...draft.findings, ...draft.elements].filter((l): l is DraftLabel => LABEL_SET.has(l));
  return { text: own, positives: [...new Set(labels)], known: DRAFT_LABELS };
}

/** What the coach gave: its findings' rules and the elements it has. */
export function labelsOf(coaching: Coaching): DraftLabel[] {
  return [...new Set<DraftLabel>([...coaching.findings.map((f) => f.rule), ...coaching.has])];
}

export interface DraftTraining {
  trained: TrainResult<DraftLabel>;
  model: LearnedModel<DraftLabel>;
  calibration: FlagCalibration<DraftLabel>[];
  items: CalibrationItem<DraftLabel>[];
}

/**
 * Out-of-fold calibration items: each fold's drafts coached with a model trained without that fold,
 * every threshold at 0, so what it could add is exactly what the coach lets it add at run time.
 */
function outOfFoldItems(
  files: readonly CorpusFile<CorpusDraft>[],
  settings: TrainSettings,
): CalibrationItem<DraftLabel>[] {
  const items: CalibrationItem<DraftLabel>[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = files.filter((f) => f.fold === fold).flatMap((f) => f.messages);
    if (held.length === 0) continue;
    const rest = files.filter((f) => f.fold !== fold).flatMap((f) => f.messages.map(draftExampleOf));
    const foldModel = trainModel(rest, DRAFT_LABELS, settings).model;
    const foldScorer = createScorer({ ...foldModel, thresholds: foldModel.flags.map(() => 0) });
    let last = new Float64Array(foldModel.flags.length);
    const recording: Scorer<DraftLabel> = {
      ...foldScorer,
      score(text, ranges) {
        last = foldScorer.score(text, ranges).slice();
        return last;
      },
    };
    const withFold = createCoach({ learned: recording });
    for (const draft of held) {
      const context = { lang: draft.lang };
      const ruleLabels = labelsOf(coachReply(draft.text, context));
      last = new Float64Array(foldModel.flags.length);
      const added = labelsOf(withFold(draft.text, context)).filter((l) => !ruleLabels.includes(l));
      items.push({
        ruleFlags: ruleLabels,
        blocked: foldModel.flags.filter((l) => !ruleLabels.includes(l) && !added.includes(l)),
        expected: draftExampleOf(draft).positives,
        probabilities: Object.fromEntries(foldModel.flags.map((label, f) => [label, last[f] as number])),
      });
    }
  }
  return items;
}

/** The settings and inputs the draft model's checksum covers. */
export function draftChecksum(): string {
  return inputChecksum(
    CORPUS_FOLDER,
    [],
    { DRAFT_TRAIN_SETTINGS, CALIBRATION_SETTINGS, FOLDS, MIN_NORM_FEATURES, DRAFT_LABELS },
    'drafts',
  );
}

/**
 * Trains the draft model on every corpus draft file, with thresholds set on out-of-fold scores.
 * @example trainDraftModel(readDraftCorpus()).model.thresholds
 */
export function trainDraftModel(
  files: readonly CorpusFile<CorpusDraft>[],
  settings: TrainSettings = DRAFT_TRAIN_SETTINGS,
): DraftTraining {
  const trained = trainModel(
    files.flatMap((f) => f.messages.map(draftExampleOf)),
    DRAFT_LABELS,
    settings,
  );
  const items = outOfFoldItems(files, settings);
  const calibrated = calibrate(trained.model, items);
  return {
    trained,
    model: { ...shippedModel(calibrated.model), checksum: draftChecksum() },
    calibration: calibrated.flags,
    items,
  };
}

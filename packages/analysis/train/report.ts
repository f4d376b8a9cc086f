import { decodeWeights, type LearnedModel } from '../src/learned/score.ts';
import type { CalibrationItem, FlagCalibration } from './calibrate.ts';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Out-of-fold outcomes per label: what the rules gave alone, or with the fold models' additions at
 * the model's thresholds (never a label the rules cancelled).
 */
export function outOfFoldCounts<L extends string>(
  items: readonly CalibrationItem<L>[],
  labels: readonly L[],
  model: LearnedModel<L>,
  withModel: boolean,
): Map<L, Counts> {
  const perLabel = new Map<L, Counts>(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
  for (const item of items) {
    const predicted = new Set(item.ruleFlags);
    if (withModel) {
      model.flags.forEach((label, f) => {
        const t = model.thresholds[f];
        if (
          t !== null &&
          t !== undefined &&
          !item.blocked.includes(label) &&
          (item.probabilities[label] ?? 0) >= t
        )
          predicted.add(label);
      });
    }
    for (const label of labels) {
      const c = perLabel.get(label) as Counts;
      const truth = item.expected.includes(label);
      if (predicted.has(label) && truth) c.tp++;
      else if (predicted.has(label)) c.fp++;
      else if (truth) c.fn++;
    }
  }
  return perLabel;
}

/** Precision, recall and F1 of one label's (or a sum's) counts. */
export function scoresOf({ tp, fp, fn }: Counts): { p: number; r: number; f1: number } {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** Micro-averaged scores over the labels given (all of them by default). */
export function microScores<L extends string>(
  counts: Map<L, Counts>,
  labels: readonly L[] = [...counts.keys()],
): { p: number; r: number; f1: number } {
  const sum = labels.reduce(
    (s, l) => {
      const c = counts.get(l) ?? { tp: 0, fp: 0, fn: 0 };
      return { tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn };
    },
    { tp: 0, fp: 0, fn: 0 },
  );
  return scoresOf(sum);
}

export const fixed3 = (x: number) => x.toFixed(3);

export function markdownTable(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The label's twelve strongest kept features, each as a text it was read from, with its weight. */
export function topFeatures<L extends string>(
  model: LearnedModel<L>,
  f: number,
  sampleOf: ReadonlyMap<number, string>,
): string {
  if (model.thresholds[f] === null) return 'off: the rules alone decide it, and its weights are not shipped';
  const entries = decodeWeights(model)
    .filter((entry) => entry.flag === f)
    .map((entry) => ({ hash: entry.hash, weight: entry.steps * (model.scale[f] as number) }));
  entries.sort((a, b) => b.weight - a.weight || a.hash - b.hash);
  return entries
    .slice(0, 12)
    .map((e) => `\`${(sampleOf.get(e.hash) ?? '?').replace(/[`|\n]/g, ' ')}\` ${e.weight.toFixed(2)}`)
    .join(', ');
}

/**
 * The per-label table of a training report: positives, what the rules missed, the threshold chosen,
 * what the model added out of fold and each label's F1 rules alone and with the model.
 */
export function calibrationTable<L extends string>(
  heading: string,
  labels: readonly L[],
  trainingPositives: Record<L, number>,
  calibration: readonly FlagCalibration<L>[],
  before: Map<L, Counts>,
  after: Map<L, Counts>,
): string {
  const f1Of = (counts: Map<L, Counts>, label: L) => fixed3(scoresOf(counts.get(label) as Counts).f1);
  return markdownTable(
    [
      heading,
      'training positives',
      'positives',
      'missed by rules',
      'threshold',
      'added',
      'added right',
      'F1 rules',
      'F1 rules + model',
    ],
    labels.map((label) => {
      const c = calibration.find((x) => x.flag === label);
      return [
        label,
        trainingPositives[label],
        c?.positives ?? '–',
        c?.missed ?? '–',
        c ? (c.threshold === null ? 'off' : c.threshold.toFixed(3)) : 'no model',
        c?.added ?? 0,
        c?.addedRight ?? 0,
        f1Of(before, label),
        f1Of(after, label),
      ];
    }),
  );
}

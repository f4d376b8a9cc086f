import type { Cell } from './table.ts';

/** Precision / recall / F1 from counts of true positives, false positives and false negatives. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function addOutcome(counts: Counts, predicted: boolean, expected: boolean): void {
  if (predicted && expected) counts.tp++;
  else if (predicted) counts.fp++;
  else if (expected) counts.fn++;
}

export function scores({ tp, fp, fn }: Counts) {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn };
}

export function sumCounts(all: readonly Counts[]): Counts {
  return all.reduce((sum, c) => ({ tp: sum.tp + c.tp, fp: sum.fp + c.fp, fn: sum.fn + c.fn }), emptyCounts());
}

export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
export const num = (x: number) => x.toFixed(3);

/**
 * Counts each label over rows of predicted and expected labels; `table` has a row per label and the
 * micro average last (label, support, precision, recall, F1).
 */
export function perLabel(labels: readonly string[], rows: { predicted: string[]; expected: string[] }[]) {
  const counts = new Map<string, Counts>(labels.map((l) => [l, emptyCounts()]));
  for (const row of rows) {
    for (const label of labels)
      addOutcome(counts.get(label) as Counts, row.predicted.includes(label), row.expected.includes(label));
  }
  const table: Cell[][] = labels.map((label) => {
    const s = scores(counts.get(label) as Counts);
    return [label, s.support, num(s.precision), num(s.recall), num(s.f1)];
  });
  const micro = scores(sumCounts([...counts.values()]));
  table.push(['micro', micro.support, num(micro.precision), num(micro.recall), num(micro.f1)]);
  return { table, micro };
}

import { featureNorm, forEachFeature } from '../src/learned/features.ts';
import { encodeWeights, type LearnedModel, type WeightEntry } from '../src/learned/score.ts';
import type { Flag } from '../src/vocabulary.ts';

/**
 * One training text: the labels it has (a message's flags, a draft's findings and elements), and the
 * labels its labelling speaks of (a public set knows only some flags).
 */
export interface Example<L extends string = Flag> {
  text: string;
  positives: readonly L[];
  known: readonly L[];
  /** How much the example counts in training (1 unless said). */
  weight?: number;
}

export interface TrainSettings {
  epochs: number;
  /** AdaGrad's step. */
  rate: number;
  /** L2 penalty per update. */
  l2: number;
  /** A feature seen in fewer training texts is dropped. */
  minCount: number;
  /** Kept features per flag, strongest first. */
  keepPerFlag: number;
  /** A label with fewer training positives gets no model. */
  minPositives: number;
  seed: number;
}

export const TRAIN_SETTINGS: TrainSettings = {
  epochs: 10,
  rate: 0.3,
  l2: 5e-3,
  minCount: 2,
  keepPerFlag: 2000,
  minPositives: 25,
  seed: 17,
};

/** Features of a text as vocabulary ids, with repeats (counts), and the norm the scorer uses. */
interface Encoded {
  ids: Int32Array;
  norm: number;
  positives: number;
  known: number;
  weight: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Labels are bits of one 32-bit mask per text. */
const MAX_LABELS = 31;

export interface TrainResult<L extends string = Flag> {
  model: LearnedModel<L>;
  /** Training positives per label. */
  positives: Record<L, number>;
  /** A text the feature was read from, per kept hash: the top features' words for the report. */
  sampleOf: Map<number, string>;
}

/**
 * Trains one logistic regression per label (of `labels`, in that order) over the examples' hashed
 * features: deterministic (a seeded order, no clock, no randomness else), so one input gives one
 * model byte for byte. Thresholds are left null: calibration sets them.
 * @example trainModel(examples, FLAGS).model.flags // the flags with enough positives
 */
export function trainModel<L extends string = Flag>(
  examples: readonly Example<L>[],
  labels: readonly L[],
  settings: TrainSettings = TRAIN_SETTINGS,
): TrainResult<L> {
  if (labels.length > MAX_LABELS) throw new Error(`at most ${MAX_LABELS} labels per model`);
  const bitOf = (label: L) => 1 << labels.indexOf(label);
  const maskOf = (list: readonly L[]) => list.reduce((mask, l) => mask | bitOf(l), 0);
  const documentCount = new Map<number, number>();
  const hashLists: number[][] = [];
  const firstSpan = new Map<number, string>();
  for (const example of examples) {
    const hashes: number[] = [];
    forEachFeature(example.text, (hash, start, end) => {
      hashes.push(hash);
      if (!firstSpan.has(hash)) firstSpan.set(hash, example.text.slice(start, end));
    });
    hashLists.push(hashes);
    for (const hash of new Set(hashes)) documentCount.set(hash, (documentCount.get(hash) ?? 0) + 1);
  }
  const idOf = new Map<number, number>();
  const hashOfId: number[] = [];
  for (const [hash, count] of [...documentCount].sort((a, b) => a[0] - b[0])) {
    if (count < settings.minCount) continue;
    idOf.set(hash, hashOfId.length);
    hashOfId.push(hash);
  }
  const encoded: Encoded[] = examples.map((example, i) => {
    const hashes = hashLists[i] as number[];
    const ids = hashes.map((h) => idOf.get(h) ?? -1).filter((id) => id >= 0);
    return {
      ids: Int32Array.from(ids),
      norm: featureNorm(hashes.length),
      positives: maskOf(example.positives),
      known: maskOf(example.known),
      weight: example.weight ?? 1,
    };
  });
  const positives = Object.fromEntries(labels.map((l) => [l, 0])) as Record<L, number>;
  for (const example of examples) for (const l of example.positives) if (l in positives) positives[l]++;
  const modelled = labels.filter((l) => positives[l] >= settings.minPositives);
  const vocabulary = hashOfId.length;
  const random = mulberry32(settings.seed);
  const order = encoded.map((_, i) => i);

  const kept: WeightEntry[] = [];
  const bias: number[] = [];
  const scale: number[] = [];
  modelled.forEach((flag, flagIndex) => {
    const bit = bitOf(flag);
    const weights = new Float64Array(vocabulary);
    const squares = new Float64Array(vocabulary).fill(1e-8);
    let b = 0;
    let bSquares = 1e-8;
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (const index of order) {
        const e = encoded[index] as Encoded;
        if ((e.known & bit) === 0) continue;
        let z = b;
        for (const id of e.ids) z += (weights[id] as number) * e.norm;
        const p = 1 / (1 + Math.exp(-z));
        const gradient = (p - ((e.positives & bit) !== 0 ? 1 : 0)) * e.weight;
        for (const id of e.ids) {
          const g = gradient * e.norm + settings.l2 * (weights[id] as number);
          squares[id] = (squares[id] as number) + g * g;
          weights[id] = (weights[id] as number) - (settings.rate * g) / Math.sqrt(squares[id] as number);
        }
        bSquares += gradient * gradient;
        b -= (settings.rate * gradient) / Math.sqrt(bSquares);
      }
    }
    const strongest = [...weights.keys()]
      .filter((id) => weights[id] !== 0)
      .sort((x, y) => Math.abs(weights[y] as number) - Math.abs(weights[x] as number) || x - y)
      .slice(0, settings.keepPerFlag);
    const max = strongest.reduce((m, id) => Math.max(m, Math.abs(weights[id] as number)), 0);
    const step = max > 0 ? max / 127 : 1;
    for (const id of strongest) {
      const q = Math.round((weights[id] as number) / step);
      if (q !== 0) kept.push({ hash: hashOfId[id] as number, flag: flagIndex, steps: q });
    }
    bias.push(Number(b.toFixed(6)));
    scale.push(Number(step.toPrecision(8)));
  });
  const sampleOf = new Map<number, string>();
  for (const entry of kept) sampleOf.set(entry.hash | 0, firstSpan.get(entry.hash) ?? '');
  return {
    model: {
      checksum: '',
      flags: modelled,
      bias,
      scale,
      thresholds: modelled.map(() => null),
      entries: kept.length,
      weights: encodeWeights(kept),
    },
    positives,
    sampleOf,
  };
}

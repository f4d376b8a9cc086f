import type { Range } from '../text/tokenize.ts';
import type { Flag } from '../vocabulary.ts';
import { createFeatureBuffer, extractFeatures, featureNorm } from './features.ts';

/**
 * A per-label logistic regression over hashed features (features.ts), as `npm run train` writes it:
 * the kept weights as one base64 blob of entries sorted by feature hash, each a hash (uint32), a
 * label's index (uint8) and its weight quantised to int8 (× the label's `scale`). The labels are a
 * message's flags, or a draft's findings and elements.
 */
export interface LearnedModel<L extends string = Flag> {
  /** sha-256 of the training data and settings that made it (train/README.md). */
  checksum: string;
  /** The labels it scores, in the order of `bias`, `scale` and `thresholds`. */
  flags: readonly L[];
  bias: readonly number[];
  scale: readonly number[];
  /** The probability at or above which a flag the rules missed is added; null: the flag stays off. */
  thresholds: readonly (number | null)[];
  entries: number;
  weights: string;
}

/** Scores one text at a time; `evidence` reads the last scored text. */
export interface Scorer<L extends string = Flag> {
  model: LearnedModel<L>;
  /** Each of `model.flags`' probability on the text's ranges (the same array, refilled each call). */
  score(text: string, ranges: readonly Range[]): Float64Array;
  /** The spans of the strongest positive features of the flag at `index` in the last scored text. */
  evidence(index: number): Range[];
}

interface Table {
  /** Per slot, side by side so one read finds both: the hash, and its first entry + 1 (0: empty slot). */
  slots: Int32Array;
  hashes: Int32Array;
  flagOf: Uint8Array;
  weightOf: Float32Array;
  mask: number;
  /** One bit per value of a hash's top 17 bits, set when a kept feature has it: most features have no weight. */
  seen: Uint32Array;
}

const SEEN_SHIFT = 15;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 to bytes without `atob` or `Buffer`, which the engine's targets do not all have. */
export function decodeBase64(text: string): Uint8Array {
  const values = new Uint8Array(128);
  for (let i = 0; i < BASE64.length; i++) values[BASE64.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    buffer = (buffer << 6) | (values[clean.charCodeAt(i)] as number);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

const ENTRY_BYTES = 6;

/** A kept weight: a feature's hash, a flag's index in the model and the weight in steps of its flag's `scale`. */
export interface WeightEntry {
  hash: number;
  flag: number;
  steps: number;
}

/**
 * The weights as the model stores them: sorted by hash, six bytes each, in base64.
 * @example encodeWeights([{ hash: 42, flag: 0, steps: 127 }]) // 'KgAAAAB/'
 */
export function encodeWeights(entries: readonly WeightEntry[]): string {
  const sorted = [...entries].sort((x, y) => (x.hash | 0) - (y.hash | 0) || x.flag - y.flag);
  const bytes = new Uint8Array(sorted.length * ENTRY_BYTES);
  const view = new DataView(bytes.buffer);
  sorted.forEach((entry, i) => {
    view.setInt32(i * ENTRY_BYTES, entry.hash | 0, true);
    view.setUint8(i * ENTRY_BYTES + 4, entry.flag);
    view.setInt8(i * ENTRY_BYTES + 5, entry.steps);
  });
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += (BASE64[(n >> 18) & 63] as string) + (BASE64[(n >> 12) & 63] as string);
    out += b === undefined ? '=' : (BASE64[(n >> 6) & 63] as string);
    out += c === undefined ? '=' : (BASE64[n & 63] as string);
  }
  return out;
}

/**
 * The weights as entries, the inverse of `encodeWeights` (training and its report read them; the scorer
 * decodes straight into its table).
 * @example decodeWeights({ ...model, entries: 1, weights: 'KgAAAAB/' }) // [{ hash: 42, flag: 0, steps: 127 }]
 */
export function decodeWeights(model: Pick<LearnedModel<string>, 'entries' | 'weights'>): WeightEntry[] {
  const bytes = decodeBase64(model.weights);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: WeightEntry[] = [];
  for (let e = 0; e < model.entries; e++) {
    const at = e * ENTRY_BYTES;
    entries.push({ hash: view.getInt32(at, true), flag: view.getUint8(at + 4), steps: view.getInt8(at + 5) });
  }
  return entries;
}

function tableOf(model: LearnedModel<string>): Table {
  const bytes = decodeBase64(model.weights);
  const n = model.entries;
  const hashes = new Int32Array(n);
  const flagOf = new Uint8Array(n);
  const weightOf = new Float32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let e = 0; e < n; e++) {
    const at = e * ENTRY_BYTES;
    hashes[e] = view.getInt32(at, true);
    const flag = view.getUint8(at + 4);
    flagOf[e] = flag;
    weightOf[e] = view.getInt8(at + 5) * (model.scale[flag] ?? 0);
  }
  let size = 1;
  while (size < n * 2) size <<= 1;
  const slots = new Int32Array(size * 2);
  const mask = size - 1;
  const seen = new Uint32Array(1 << (32 - SEEN_SHIFT - 5));
  for (let e = 0; e < n; e++) {
    const hash = hashes[e] as number;
    if (e > 0 && hashes[e - 1] === hash) continue;
    let slot = hash & mask;
    while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = e + 1;
    const bit = hash >>> SEEN_SHIFT;
    seen[bit >>> 5] = (seen[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return { slots, hashes, flagOf, weightOf, mask, seen };
}

/** Where a feature's hash is looked up: its first entry + 1 in `table`, 0 when the model has no weight for it. */
function firstEntry(table: Table, hash: number): number {
  const { slots, mask, seen } = table;
  const bit = hash >>> SEEN_SHIFT;
  if (((seen[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return 0;
  let slot = hash & mask;
  let first = slots[slot * 2 + 1] as number;
  while (first !== 0 && slots[slot * 2] !== hash) {
    slot = (slot + 1) & mask;
    first = slots[slot * 2 + 1] as number;
  }
  return first;
}

/**
 * A scorer for a model: the decoded table is built on the first call, so an analyzer that never
 * scores pays nothing at start. Scoring only adds weights; the evidence of a label is read again from
 * the last text's features when it is asked for, which is rare (a label the model adds).
 * @example createScorer(MODEL).score('you will regret this', [{ start: 0, end: 20 }])
 */
export function createScorer<L extends string = Flag>(model: LearnedModel<L>): Scorer<L> {
  let table: Table | null = null;
  const flags = model.flags.length;
  const sums = new Float64Array(flags);
  const probabilities = new Float64Array(flags);
  const buffer = createFeatureBuffer();
  return {
    model,
    score(text, ranges) {
      table ??= tableOf(model);
      const { hashes, flagOf, weightOf } = table;
      sums.fill(0);
      buffer.count = 0;
      for (const range of ranges) extractFeatures(text, buffer, range.start, range.end);
      const count = buffer.count;
      const features = buffer.hashes;
      for (let k = 0; k < count; k++) {
        const hash = features[k] as number;
        const first = firstEntry(table, hash);
        if (first === 0) continue;
        for (let e = first - 1; e < hashes.length && hashes[e] === hash; e++) {
          const flag = flagOf[e] as number;
          sums[flag] = (sums[flag] as number) + (weightOf[e] as number);
        }
      }
      const norm = featureNorm(count);
      for (let f = 0; f < flags; f++) {
        const z = (model.bias[f] as number) + (sums[f] as number) * norm;
        probabilities[f] = 1 / (1 + Math.exp(-z));
      }
      return probabilities;
    },
    evidence(index) {
      if (!table) return [];
      const { hashes, flagOf, weightOf } = table;
      // The two strongest positive features of the label, the first found winning a tie.
      const best = [0, 0];
      const spans: Range[] = [];
      for (let k = 0; k < buffer.count; k++) {
        const hash = buffer.hashes[k] as number;
        const first = firstEntry(table, hash);
        if (first === 0) continue;
        for (let e = first - 1; e < hashes.length && hashes[e] === hash; e++) {
          if (flagOf[e] !== index) continue;
          const weight = weightOf[e] as number;
          if (weight <= (best[1] as number)) continue;
          const at = weight > (best[0] as number) ? 0 : 1;
          if (at === 0) {
            best[1] = best[0] as number;
            if (spans[0]) spans[1] = spans[0];
          }
          best[at] = weight;
          spans[at] = { start: buffer.starts[k] as number, end: buffer.ends[k] as number };
        }
      }
      return spans;
    },
  };
}

import { describe, expect, it } from 'vitest';
import { DRAFT_LABELS } from '../src/learned/draft-labels.ts';
import { DRAFT_MODEL } from '../src/learned/draft-model.generated.ts';
import { MIN_NORM_FEATURES } from '../src/learned/features.ts';
import { MODEL } from '../src/learned/model.generated.ts';
import { FLAGS } from '../src/vocabulary.ts';
import { CALIBRATION_SETTINGS, calibrate } from './calibrate.ts';
import { CORPUS_FOLDER, FOLDS, inputChecksum } from './corpus-data.ts';
import { PUBLIC_SOURCES, PUBLIC_WEIGHT } from './public-data.ts';
import { draftChecksum, draftExampleOf } from './train-drafts.ts';
import { type Example, TRAIN_SETTINGS, trainModel } from './train-model.ts';

const SMALL: Example[] = Array.from({ length: 60 }, (_, i) => ({
  text: i % 3 === 0 ? `Refund my money now, order ${i}` : `Thanks for the help with order ${i}`,
  positives: i % 3 === 0 ? ['refund_demand'] : ['gratitude'],
  known: FLAGS,
}));
const SETTINGS = { ...TRAIN_SETTINGS, minPositives: 5, minCount: 1 };

describe('training', () => {
  it('gives the same model byte for byte from the same examples', () => {
    const first = trainModel(SMALL, FLAGS, SETTINGS).model;
    const second = trainModel(SMALL, FLAGS, SETTINGS).model;
    expect(second).toEqual(first);
    expect(first.flags).toEqual(['refund_demand', 'gratitude']);
  });

  it('learns from the labels: a refund demand scores above a thank-you', async () => {
    const { createScorer } = await import('../src/learned/score.ts');
    const scorer = createScorer(trainModel(SMALL, FLAGS, SETTINGS).model);
    const refund = scorer.score('Refund my money', [{ start: 0, end: 15 }])[0] as number;
    const thanks = scorer.score('Thanks for the help', [{ start: 0, end: 19 }])[0] as number;
    expect(refund).toBeGreaterThan(thanks);
  });

  it('the checked-in model was trained on the corpus and settings as they are now', () => {
    const checksum = inputChecksum(
      CORPUS_FOLDER,
      PUBLIC_SOURCES.map((s) => s.path),
      { TRAIN_SETTINGS, CALIBRATION_SETTINGS, FOLDS, MIN_NORM_FEATURES, PUBLIC_WEIGHT },
    );
    expect(MODEL.checksum).toBe(checksum);
  });
});

describe('training on drafts', () => {
  const drafts = Array.from({ length: 40 }, (_, i) =>
    draftExampleOf({
      id: `d${i}`,
      lang: 'en',
      text:
        i % 2 === 0
          ? `As I already told you, read the terms, order ${i}.`
          : `I'm sorry. I will call you by Friday about order ${i}.`,
      findings: i % 2 === 0 ? ['condescension'] : [],
      elements: i % 2 === 0 ? [] : ['apology', 'next_step', 'deadline', 'not_an_element'],
    }),
  );

  it('reads a draft’s own words and its findings and elements, nothing else', () => {
    const example = draftExampleOf({
      id: 'q',
      lang: 'en',
      text: 'You wrote "you idiots". Sorry, I will call you.',
      findings: [],
      elements: ['apology', 'next_step', 'smile'],
    });
    expect(example.text).toBe('You wrote \n. Sorry, I will call you.');
    expect(example.positives).toEqual(['apology', 'next_step']);
    expect(example.known).toEqual(DRAFT_LABELS);
  });

  it('gives the same draft model byte for byte from the same drafts', () => {
    const first = trainModel(drafts, DRAFT_LABELS, SETTINGS).model;
    expect(trainModel(drafts, DRAFT_LABELS, SETTINGS).model).toEqual(first);
    expect(first.flags).toEqual(['condescension', 'apology', 'next_step', 'deadline']);
  });

  it('the checked-in draft model was trained on the corpus drafts and settings as they are now', () => {
    expect(DRAFT_MODEL.checksum).toBe(draftChecksum());
    expect(DRAFT_MODEL.flags.every((label) => DRAFT_LABELS.includes(label))).toBe(true);
  });
});

describe('calibration', () => {
  const model = trainModel(SMALL, FLAGS, SETTINGS).model;

  it('switches a flag on only where its additions keep the precision asked for', () => {
    const items = [
      ...Array.from({ length: 9 }, () => ({
        ruleFlags: [],
        blocked: [],
        expected: ['refund_demand' as const],
        probabilities: { refund_demand: 0.9 },
      })),
      { ruleFlags: [], blocked: [], expected: [], probabilities: { refund_demand: 0.95 } },
      ...Array.from({ length: 20 }, () => ({
        ruleFlags: [],
        blocked: [],
        expected: [],
        probabilities: { refund_demand: 0.3 },
      })),
    ];
    const result = calibrate(model, items);
    const refund = result.flags.find((f) => f.flag === 'refund_demand');
    expect(refund?.threshold).toBe(0.9);
    expect(refund?.added).toBe(10);
    expect(refund?.addedRight).toBe(9);
  });

  it('never counts a flag the rules cancelled as a candidate to add', () => {
    const items = Array.from({ length: 10 }, () => ({
      ruleFlags: [],
      blocked: ['refund_demand' as const],
      expected: ['refund_demand' as const],
      probabilities: { refund_demand: 0.9 },
    }));
    const refund = calibrate(model, items).flags.find((f) => f.flag === 'refund_demand');
    expect(refund?.threshold).toBeNull();
    expect(refund?.missed).toBe(0);
  });

  it('leaves a flag off when its best additions are wrong too often', () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      ruleFlags: [],
      blocked: [],
      expected: i % 2 === 0 ? (['gratitude'] as const) : [],
      probabilities: { gratitude: 0.8 },
    }));
    const result = calibrate(model, items);
    expect(result.flags.find((f) => f.flag === 'gratitude')?.threshold).toBeNull();
    // Right half the time: below any precision calibration would accept.
    expect(CALIBRATION_SETTINGS.precision).toBeGreaterThan(0.5);
  });
});

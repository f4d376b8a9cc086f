import { describe, expect, it } from 'vitest';
import { BOUNDARY_LEVELS, FLAGS, LEVELS } from './vocabulary.ts';

describe('vocabulary', () => {
  it('lists the message flags of PRODUCT.md in order', () => {
    expect(FLAGS).toEqual([
      'profanity',
      'insult',
      'threat_violence',
      'threat_legal',
      'threat_public',
      'churn_threat',
      'refund_demand',
      'compensation_demand',
      'urgency',
      'repeat_contact',
      'shouting',
      'gratitude',
    ]);
  });

  it('orders anger levels from calm to hostile and boundary levels from mild to final', () => {
    expect(LEVELS).toEqual(['calm', 'upset', 'angry', 'hostile']);
    expect(BOUNDARY_LEVELS.at(0)).toBe('note');
    expect(BOUNDARY_LEVELS.at(-1)).toBe('ended');
  });
});

import { describe, expect, it } from 'vitest';
import { FLAGS, LEVELS } from './vocabulary.ts';

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

  it('orders anger levels from calm to hostile', () => {
    expect(LEVELS).toEqual(['calm', 'upset', 'angry', 'hostile']);
  });
});

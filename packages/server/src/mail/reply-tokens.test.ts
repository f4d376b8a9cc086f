import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  caseOfMessageIds,
  caseOfReplyAddress,
  caseToken,
  ourMessageId,
  replyAddress,
} from './reply-tokens.ts';

describe('signed reply addresses and Message-IDs', () => {
  const secret = 'a'.repeat(64);
  const caseId = randomUUID();

  it('round-trips a case through a plus-address, in any letter case', () => {
    const address = replyAddress('Support@Salon.example', secret, caseId);
    expect(address).toMatch(/^support\+[a-z2-7]{36}@salon\.example$/);
    expect(caseOfReplyAddress('support@salon.example', secret, ['x@y.example', address.toUpperCase()])).toBe(
      caseId,
    );
  });

  it('refuses a forged or altered token, another secret and another mailbox', () => {
    const address = replyAddress('support@salon.example', secret, caseId);
    const token = caseToken(secret, caseId);
    const flipped = `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`;
    expect(
      caseOfReplyAddress('support@salon.example', secret, [`support+${flipped}@salon.example`]),
    ).toBeNull();
    expect(caseOfReplyAddress('support@salon.example', 'b'.repeat(64), [address])).toBeNull();
    expect(caseOfReplyAddress('office@salon.example', secret, [address])).toBeNull();
    expect(caseOfReplyAddress('support@salon.example', secret, ['support+short@salon.example'])).toBeNull();
  });

  it('finds the case and interaction of our own Message-ID among others', () => {
    const interactionId = randomUUID();
    const id = ourMessageId('support@salon.example', secret, caseId, interactionId);
    expect(caseOfMessageIds('support@salon.example', secret, ['CAJ8x@mail.gmail.com', id])).toEqual({
      caseId,
      interactionId,
    });
    expect(caseOfMessageIds('support@salon.example', 'b'.repeat(64), [id])).toBeNull();
  });
});

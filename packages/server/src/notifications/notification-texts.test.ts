import { NOTIFICATION_KINDS } from '@calmdesk/contracts';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TEXTS } from './notification-texts.ts';

describe('the e-mail sentences of notifications', () => {
  it('say every kind in every language, with the title and without placeholders left', () => {
    for (const lang of ['pl', 'et', 'en'] as const) {
      for (const kind of NOTIFICATION_KINDS) {
        const sentence = NOTIFICATION_TEXTS[lang][kind]('Zwrot za kurtkę', {
          by: 'Anna Nowak',
          reason: 'first_response_missed',
          problem: 'auth',
          detail: '535 5.7.8 Authentication failed',
          promise: 'Oddzwonimy jutro.',
          amount: 120,
          currency: 'PLN',
          decision: 'approved',
        });
        expect(sentence, `${lang} ${kind}`).toMatch(/\S/);
        expect(sentence, `${lang} ${kind}`).not.toMatch(/undefined|\$\{|\{\{/);
      }
    }
  });

  it('say why a mailbox fails in the reader’s language, the server’s words after it', () => {
    const details = {
      problem: 'unreachable',
      detail: 'connect ECONNREFUSED 127.0.0.1:993',
      reason: 'host unreachable',
    };
    expect(NOTIFICATION_TEXTS.pl.mailbox_failing('support@salon.example', details)).toBe(
      'Skrzynka support@salon.example nie działa: serwer jest nieosiągalny (connect ECONNREFUSED 127.0.0.1:993)',
    );
    expect(NOTIFICATION_TEXTS.et.mailbox_failing('support@salon.example', details)).toContain(
      'server ei ole kättesaadav',
    );
  });
});

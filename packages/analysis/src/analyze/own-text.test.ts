import { describe, expect, it } from 'vitest';
import { ownText } from '../index.ts';

describe('the customer’s own words in a mail', () => {
  it.each([
    [
      'a Gmail attribution and its quote',
      'Please sort this out today.\n\nMark\n\nOn Mon, 2 Nov 2026 at 10:15, Salon Support <s@salon.example> wrote:\n> Dear Mark,\n> you idiots',
      'Please sort this out today.\n\nMark',
    ],
    [
      'an attribution wrapped over two lines',
      'Still waiting.\n\nOn Mon, 2 Nov 2026 at 10:15, Salon Support\n<support@salon.example> wrote:\n> Hello',
      'Still waiting.',
    ],
    [
      'a Polish webmail attribution',
      'Żądam zwrotu pieniędzy.\n\nW dniu 2026-11-02 o 10:15, Salon Support napisał(a):\n> Szanowny Panie,',
      'Żądam zwrotu pieniędzy.',
    ],
    [
      'a Polish "Dnia … napisała:"',
      'Nadal nic.\n\nDnia 3.11.2026 Anna Kowalska napisała:\n> Dzień dobry',
      'Nadal nic.',
    ],
    [
      'an Estonian attribution',
      'Palun andke teada.\n\nKolmapäev, 4. november 2026 10:15 Salon Support <s@salon.example> kirjutas:\n> Tere',
      'Palun andke teada.',
    ],
    [
      'Outlook’s Polish original-message block',
      'Proszę o kontakt do piątku.\n\n-----Oryginalna wiadomość-----\nOd: Salon <s@salon.example>\nWysłano: poniedziałek\nJesteście złodziejami',
      'Proszę o kontakt do piątku.',
    ],
    [
      'an Estonian Outlook block',
      'Ootan vastust.\n\nSaatja: Salon <s@salon.example>\nSaadetud: esmaspäev\nTeema: Tellimus',
      'Ootan vastust.',
    ],
    ['a "-- " signature', 'Call me back.\n\n-- \nTom Baker\n+44 20 7946 0000', 'Call me back.'],
    [
      'an iPhone signature',
      'The screen is still cracked.\n\nSent from my iPhone',
      'The screen is still cracked.',
    ],
    ['a Polish mobile signature', 'Proszę o telefon.\n\nWysłano z mojego iPhone’a', 'Proszę o telefon.'],
    ['an Estonian mobile signature', 'Helistage mulle.\n\nSaadetud minu iPhone’ist', 'Helistage mulle.'],
  ])('leaves out %s', (_name, text, expected) => {
    expect(ownText(text)).toBe(expected);
  });

  it('keeps the answers written between quoted lines, and gives a mail that is only a quote back whole', () => {
    expect(ownText('> When did you order?\nOn the 3rd.\n> Which size?\nLarge.')).toBe('On the 3rd.\nLarge.');
    expect(ownText('> only what they wrote before')).toBe('> only what they wrote before');
  });

  it('leaves a one-line message alone', () => {
    expect(ownText('You are useless, refund me now.')).toBe('You are useless, refund me now.');
  });
});

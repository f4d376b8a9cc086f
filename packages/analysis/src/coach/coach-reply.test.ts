import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../index.ts';
import { coachReply } from './coach-reply.ts';
import { COACH_PACKS } from './packs.ts';

const rules = (draft: string, lang?: 'pl' | 'et' | 'en') =>
  coachReply(draft, lang ? { lang } : {}).findings.map((f) => f.rule);

describe('coachReply findings', () => {
  it.each([
    ['Nie ma Pan racji, wszystko było w porządku.', 'pl', 'arguing'],
    ['Teil ei ole õigus.', 'et', 'arguing'],
    ["You're wrong about the delivery date.", 'en', 'arguing'],
    ['Źle Pan używał urządzenia.', 'pl', 'blaming'],
    ['See on teie enda probleem.', 'et', 'blaming'],
    ['It was user error, you used it wrong.', 'en', 'blaming'],
    ['To wina kuriera, nie nasza.', 'pl', 'excuse'],
    ['That was a system error, out of our hands.', 'en', 'excuse'],
    ['Jak już mówiłem, termin minął.', 'pl', 'condescension'],
    ['Nagu ma juba ütlesin, tähtaeg möödus.', 'et', 'condescension'],
    ['As I already explained, obviously the warranty expired.', 'en', 'condescension'],
    ['Gwarantuję, że to się nigdy nie powtórzy.', 'pl', 'impossible_promise'],
    ['Garanteerin, et see ei juhtu enam kunagi.', 'et', 'impossible_promise'],
    ['We are 100% sure it will never happen again.', 'en', 'impossible_promise'],
    ['Musisz wysłać zdjęcie, twoje zamówienie czeka.', 'pl', 'informal_address'],
    ['Sa pead saatma pildi.', 'et', 'informal_address'],
    ['PROSZĘ NATYCHMIAST PRZESTAĆ PISAĆ!!!', 'pl', 'shouting'],
    ['Ty idioto, nie będę tego czytać.', 'pl', 'hostility'],
    ['You idiot, read the terms.', 'en', 'hostility'],
  ] as const)('"%s" → %s', (draft, lang, rule) => {
    expect(rules(draft, lang)).toContain(rule);
  });

  it('never finds informal address in English, nor in a polite reply or a quote of the customer', () => {
    expect(rules('You can send the photo to this address.', 'en')).not.toContain('informal_address');
    expect(rules('Może Pan przesłać zdjęcie? Pana zamówienie jest w drodze.', 'pl')).toEqual([]);
    expect(rules('Napisał Pan: „musisz mi oddać kasę” – rozumiem zdenerwowanie.', 'pl')).not.toContain(
      'informal_address',
    );
    expect(rules('Te saate saata pildi, teie tellimus on teel.', 'et')).toEqual([]);
  });

  it('blocks hostility and gives every finding a span, a why in words and a rewrite', () => {
    const draft = 'Ty idioto, musisz poczekać.';
    const { findings } = coachReply(draft, { lang: 'pl' });
    const hostility = findings.find((f) => f.rule === 'hostility');
    expect(hostility?.severity).toBe('block');
    for (const f of findings) {
      expect(draft.slice(f.start, f.end)).toBe(f.text);
      expect(f.why.length).toBeGreaterThan(20);
      expect(f.why).not.toMatch(/\[\d/);
      expect(f.suggestion.length).toBeGreaterThan(0);
    }
    expect(findings.find((f) => f.text === 'musisz')?.suggestion).toBe('musi Pan/Pani');
    expect(findings.find((f) => f.text === 'Ty')?.suggestion).toBe('Pan/Pani');
  });
});

describe('coachReply on shouting', () => {
  const applied = (draft: string, lang: 'pl' | 'et' | 'en') => {
    const shouting = coachReply(draft, { lang }).findings.filter((f) => f.rule === 'shouting');
    expect(shouting).toHaveLength(1);
    const [f] = shouting;
    if (!f) throw new Error('no shouting finding');
    return { finding: f, text: draft.slice(0, f.start) + f.suggestion + draft.slice(f.end) };
  };

  it.each([
    [
      'WE DID SEND YOU THE INVOICE TWICE, please look in your spam folder.',
      'en',
      'We did send you the invoice twice, please look in your spam folder.',
    ],
    [
      'Good morning, I HAVE CHECKED THE ORDER AND IT LEFT ON MONDAY.',
      'en',
      'Good morning, I have checked the order and it left on Monday.',
    ],
    [
      'Dzień dobry,\nJUŻ TRZY RAZY WYSYŁALIŚMY TĘ FAKTURĘ.',
      'pl',
      'Dzień dobry,\nJuż trzy razy wysyłaliśmy tę fakturę.',
    ],
    ['Tere! ME SAATSIME ARVE JUBA EILE!!!', 'et', 'Tere! Me saatsime arve juba eile.'],
  ] as const)(
    'rewrites "%s" as a person would, and the rewrite no longer shouts',
    (draft, lang, expected) => {
      const { finding, text } = applied(draft, lang);
      expect(text).toBe(expected);
      expect(finding.severity).toBe('block');
      expect(coachReply(text, { lang }).findings.map((f) => f.rule)).not.toContain('shouting');
    },
  );

  it('keeps acronyms in a calmed sentence', () => {
    expect(applied('YOUR REFUND UNDER GDPR IS ON ITS WAY.', 'en').text).toBe(
      'Your refund under GDPR is on its way.',
    );
  });

  it('only warns about a run of exclamation marks without capitals', () => {
    const f = coachReply('Thank you so much!!! We will call tomorrow.', { lang: 'en' }).findings.find(
      (x) => x.rule === 'shouting',
    );
    expect(f?.severity).toBe('warn');
  });
});

describe('coachReply in the agent’s language', () => {
  it('says why in the agent’s language and keeps the rewrites in the draft’s', () => {
    const draft = "You're wrong, the parcel left on time.";
    const inEnglish = coachReply(draft, { lang: 'en' });
    for (const agent of ['pl', 'et'] as const) {
      const coaching = coachReply(draft, { lang: 'en', explainIn: agent });
      const arguing = coaching.findings.find((f) => f.rule === 'arguing');
      const english = inEnglish.findings.find((f) => f.rule === 'arguing');
      expect(arguing?.why).toBe(COACH_PACKS[agent].explain.arguing.why);
      expect(arguing?.suggestion).toBe(english?.suggestion);
      expect(coaching.lang).toBe('en');
      expect(coaching.score).toBe(inEnglish.score);
    }
  });

  it('explains advice from the case in the agent’s language too', () => {
    const customer = [analyzeMessage('Jesteście idiotami!', { lang: 'pl' })];
    const advice = coachReply('Dzień dobry, sprawdzę to.', { lang: 'pl', customer, explainIn: 'en' }).advice;
    const boundary = advice.find((a) => a.rule === 'set_boundary');
    expect(boundary?.why).toBe(COACH_PACKS.en.advice.set_boundary.why);
    expect(boundary?.suggestion).toBe(COACH_PACKS.pl.advice.set_boundary.suggestion);
  });
});

describe('coachReply elements and score', () => {
  it('recognises a complete reply and scores it above a bare one', () => {
    const good = coachReply(
      'Rozumiem Pana zdenerwowanie i bardzo przepraszam. Sprawdzę sprawę i oddzwonię jutro do 16:00. Anna Kowalska, tel. 600 100 200',
      { lang: 'pl', fault: 'ours' },
    );
    expect(good.has).toEqual(['empathy', 'apology', 'next_step', 'deadline', 'owner']);
    expect(good.missing).toEqual([]);
    const bare = coachReply('Ok.', { lang: 'pl', fault: 'ours' });
    expect(bare.missing).toEqual(['empathy', 'apology', 'next_step', 'deadline', 'owner']);
    expect(good.score).toBeGreaterThan(bare.score);
  });

  it('finds the agent by the name in context', () => {
    expect(coachReply('Regards, Tom', { lang: 'en', agentName: 'Tom' }).has).toContain('owner');
  });
});

describe('coachReply advice from the case', () => {
  const abusive = analyzeMessage('Jesteście złodziejami! Paczka uszkodzona, faktura zła, nikt nie odbiera!', {
    lang: 'pl',
  });

  it('suggests a calm boundary when the customer was abusive', () => {
    expect(coachReply('Rozumiem.', { lang: 'pl', customer: [abusive] }).advice.map((a) => a.rule)).toContain(
      'set_boundary',
    );
    const withBoundary = coachReply('Rozumiem, ale proszę o kulturę w rozmowie.', {
      lang: 'pl',
      customer: [abusive],
    });
    expect(withBoundary.advice.map((a) => a.rule)).not.toContain('set_boundary');
  });

  it('warns when problems raised go unanswered, naming them', () => {
    const advice = coachReply('Przepraszam za uszkodzoną paczkę.', {
      lang: 'pl',
      customer: [abusive],
    }).advice;
    const unaddressed = advice.find((a) => a.rule === 'unaddressed_problems');
    expect(unaddressed?.severity).toBe('warn');
    expect(unaddressed?.problems).toContain('billing');
    // The suggestion is a phrase to insert in the customer's language: no category code in it.
    expect(unaddressed?.suggestion).not.toMatch(/billing|delivery|\(/);
  });

  it('warns against admitting unproven fault, and hints vouchers before cash unless the refund is statutory', () => {
    const context = {
      lang: 'pl' as const,
      fault: 'third_party' as const,
      policy: { prefer: ['voucher' as const] },
    };
    const advice = coachReply('To nasza wina, zwrócimy pieniądze.', context).advice.map((a) => a.rule);
    expect(advice).toEqual(expect.arrayContaining(['liability', 'compensation_policy']));
    const statutory = coachReply('Zwrócimy pieniądze.', { ...context, statutoryRefund: true }).advice.map(
      (a) => a.rule,
    );
    expect(statutory).not.toContain('compensation_policy');
    expect(coachReply('To nasza wina.', { lang: 'pl', fault: 'ours' }).advice).toEqual([]);
  });
});

describe('an excuse is a cause offered instead of owning the failure', () => {
  it.each([
    ['pl', 'Opóźnienie wynika z braków kadrowych w okresie świątecznym.', ['excuse']],
    ['pl', 'Opóźnienie wynika z braków kadrowych w okresie świątecznym, ale to nasza wina.', []],
    ['pl', 'Opóźnienie wynika z braków kadrowych w okresie świątecznym, to nie był nasz błąd.', ['excuse']],
    ['et', 'Hilinemine oli tingitud personali puudusest pühade ajal.', ['excuse']],
    ['et', 'Hilinemine oli tingitud personali puudusest pühade ajal, aga see on meie viga.', []],
    ['et', 'Hilinemine oli tingitud personali puudusest pühade ajal, see ei ole meie viga.', ['excuse']],
    ['en', 'The delay was due to staff shortages over the holidays.', ['excuse']],
    ['en', 'The delay was due to staff shortages over the holidays, but it was our mistake.', []],
    ['en', 'The delay was due to staff shortages over the holidays, it was not our mistake.', ['excuse']],
  ] as const)('%s: "%s" → %j', (lang, draft, expected) => {
    expect([...new Set(rules(draft, lang))]).toEqual(expected);
  });
});

describe('fault denied is an excuse', () => {
  it.each([
    ['pl', 'To nie nasza wina, że paczka nie dotarła.'],
    ['et', 'See pole meie süü, et pidite ootama.'],
    ['en', "It's not our fault that the parcel was late."],
  ] as const)('%s: "%s"', (lang, draft) => {
    expect(rules(draft, lang)).toContain('excuse');
  });
});

import { coachReply, extractCommitments } from '@calmdesk/analysis';
import { percentile } from './measure.ts';

const DRAFTS = {
  pl: 'Dzień dobry, bardzo przepraszam za opóźnienie i rozumiem, że to frustrujące. Jak już pisałam, paczka została nadana w poniedziałek, ale kurier się spóźnił. Sprawdzę jej status i oddzwonię jutro do 16:00. ',
  et: 'Tere, vabandame väga hilinemise pärast ja saan aru, et see on häiriv. Nagu ma juba kirjutasin, pakk saadeti esmaspäeval, kuid kuller hilines. Kontrollin paki seisu ja helistan teile homme kella 16-ks. ',
  en: "Hello, I'm so sorry about the delay and I understand how frustrating this is. As I already explained, the parcel left on Monday but the courier was late. I'll check its status and call you back by 4 pm tomorrow. ",
};

/** A draft of about 1,000 characters in the language, repeating a realistic reply. */
function draftOf(lang: keyof typeof DRAFTS): string {
  return DRAFTS[lang].repeat(Math.ceil(1000 / DRAFTS[lang].length)).slice(0, 1000);
}

function timeEach(fn: () => unknown, runs: number): number[] {
  for (let i = 0; i < 200; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times;
}

export function runCoachBench(): (string | number)[][] {
  return (Object.keys(DRAFTS) as (keyof typeof DRAFTS)[]).flatMap((lang) => {
    const draft = draftOf(lang);
    const coach = timeEach(() => coachReply(draft, { lang }), 2000);
    const commitments = timeEach(
      () =>
        extractCommitments(draft, {
          now: '2025-03-27T09:00:00Z',
          timeZone: 'Europe/Warsaw',
          lang,
          author: 'us',
        }),
      2000,
    );
    return [
      [
        `coachReply ${lang}, 1,000 chars`,
        percentile(coach, 0.5).toFixed(3),
        percentile(coach, 0.99).toFixed(3),
        '< 1 ms',
      ],
      [
        `extractCommitments ${lang}, 1,000 chars`,
        percentile(commitments, 0.5).toFixed(3),
        percentile(commitments, 0.99).toFixed(3),
        '',
      ],
    ];
  });
}

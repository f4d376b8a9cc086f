import { describe, expect, it } from 'vitest';
import { coachReply } from '../../core.ts';
import type { CoachRule } from '../../vocabulary.ts';

const rules = (draft: string) => coachReply(draft, { lang: 'et' }).findings.map((f) => f.rule);

/** Per finding: [a draft that must raise it, a close look-alike that must not]. */
const cases: Record<string, [CoachRule, string, string][]> = {
  arguing: [
    // Disagreeing with the account outright, or calling the claim baseless.
    ['arguing', 'Me ei ole nõus, et kohv oli külm.', 'Kui Te ei ole lahendusega nõus, andke palun teada.'],
    [
      'arguing',
      'Teie väide, et me ei vasta kirjadele, on alusetu.',
      'Teie väide on meile oluline, uurime seda.',
    ],
    // Their perception blamed.
    [
      'arguing',
      'Te kuulsite ilmselt valesti, müüja rääkis hinnast.',
      'Kuulsime Teie kaebust ja uurime asja.',
    ],
    // A member of staff cleared by denial or by "just following rules".
    [
      'arguing',
      'Meie kelner ei olnud ebaviisakas, ta tegutses vastavalt juhistele.',
      'Meie kelner oli ebaviisakas ja vabandame selle pärast.',
    ],
    [
      'arguing',
      'Meie õpetaja ei ütleks kunagi lapsele midagi sellist.',
      'Meie õpetaja helistab Teile homme.',
    ],
    // The work declared correct.
    [
      'arguing',
      'Meie elektrik tegi töö täiesti korrektselt.',
      'Töö ei olnud tehtud korrektselt, meister tuleb ja parandab selle.',
    ],
    // Not X, simply Y.
    [
      'arguing',
      'Pesumasin ei ole katki, see vajab lihtsalt puhastamist.',
      'Saatke lihtsalt foto ja vahetame masina.',
    ],
    // The record against the customer.
    ['arguing', 'Meie andmetel Te ei tellinud lisateenust.', 'Meie andmetel on pakk teel ja jõuab homme.'],
    // Damage said to predate the service, or fine when it left us.
    [
      'arguing',
      'Diivan oli juba enne vedu plekiline.',
      'Diivan oli veo ajal plekiliseks saanud, see on meie viga.',
    ],
    ['arguing', 'Printer töötas, kui see meilt lahkus.', 'Printer läks katki, kui kuller seda vedas.'],
    // Fault denied and moved.
    ['arguing', 'Viga ei olnud meie süü, vaid Teie pangast.', 'See oli meie viga ja vabandame.'],
    // A defect denied.
    ['arguing', 'Värv on ühtlane, see ei ole praak.', 'Kui see on praak, vahetame toote.'],
  ],
  blaming: [
    // The customer's doing as the cause.
    [
      'blaming',
      'Pakk tuli tagasi, kuna Te ei olnud kodus.',
      'Kuna te olete meie püsiklient, pakume soodustust.',
    ],
    ['blaming', 'Tõenäoliselt kasutasite vale pesuvahendit.', 'Tõenäoliselt jõuab pakk homme.'],
    // Responsibility put on the customer.
    ['blaming', 'Pakendamise eest vastutab saatja ise.', 'Juhataja vastutab Teie juhtumi lahendamise eest.'],
    // Wrong use as the cause.
    ['blaming', 'Kohvimasin läks katki vale kasutamise tõttu.', 'Saadame Teile kasutamise juhendi.'],
    ['blaming', 'Ilmselt valisite ise vale suuruse.', 'Valisime Teile õige suuruse ja saadame selle homme.'],
  ],
  excuse: [
    // The staff's state as the cause.
    [
      'excuse',
      'Meie raamatupidaja oli haige, seetõttu arve hilines.',
      'Meie raamatupidaja parandab arve homme.',
    ],
    ['excuse', 'Laos oli uus töötaja, nii et tellimus läks valesti.', 'Vabandame, et tellimus läks valesti.'],
    // Someone else made it, or the fault moved to them.
    ['excuse', 'Kasti tegi meie alltöövõtja.', 'Kasti teeme Teile uuesti meie töökojas.'],
    ['excuse', 'See ei olnud meie süü, vaid kullerfirma tõrge.', 'See oli meie süü, kuller tõi paki hiljem.'],
    // Explained away, out of our hands, volume and season.
    [
      'excuse',
      'Viivitus on tingitud sellest, et tarnijal oli puudus.',
      'Viivitus on meie viga ja vabandame.',
    ],
    [
      'excuse',
      'Selle üle meil kontrolli pole, nii et oodake palun.',
      'Kontrollime makse üle ja anname teada.',
    ],
    ['excuse', 'Paraku oli nii palju kliente, et kõigile ei jõutud.', 'Vabandame, et pidite ootama.'],
    [
      'excuse',
      'Paigaldus hilines, kuna talvel on palju tööd.',
      'Paigaldus hilines, vabandame ja tuleme homme.',
    ],
    // A courier who lost a parcel, owned, is no excuse.
    [
      'excuse',
      'Tarnija hilines ja seepärast venis remont.',
      'Meie kuller kaotas paki, see on meie süü ja vabandame.',
    ],
  ],
  condescension: [
    // Pet names and belittling the feeling.
    ['condescension', 'Kuule kallis, see pole nii hull.', 'Toode on kallis, seega pakume järelmaksu.'],
    [
      'condescension',
      'Ärge olge nii emotsionaalne, tegu on ju ainult ühe pitsaga.',
      'Saadame Teile uue pitsa.',
    ],
    // Lecturing: what everyone should know, read the manual, next time.
    ['condescension', 'Seda peaks iga autojuht teadma.', 'Iga autojuht saab meilt tasuta kontrolli.'],
    [
      'condescension',
      'Palun lugege kasutusjuhend veel kord läbi.',
      'Palun lugege manuses olev pakkumine läbi ja andke teada.',
    ],
    [
      'condescension',
      'Ehk vaatate järgmine kord hoolikamalt.',
      'Edaspidi saadame Teile kinnituse ka SMS-iga.',
    ],
    ['condescension', 'Palun mõistke, et vahel tuleb oodata.', 'Mõistame, et ootamine on tüütu.'],
  ],
  hostility: [
    // Take it or leave it.
    [
      'hostility',
      'Kui teile ei meeldi, võite ju mujale minna.',
      'Kui aeg teile ei sobi, võite valida uue aja.',
    ],
    ['hostility', 'Keegi ei sunni Teid meie juures käima.', 'Keegi meist ei soovinud Teile ebamugavust.'],
    // Unmoved by a threat, or a counter-threat.
    ['hostility', 'Teie ähvardused meid ei hirmuta.', 'Mõistame, et olukord tekitas hirmu.'],
    [
      'hostility',
      'Meie jurist on valmis, pöörduge kohtusse.',
      'Meie jurist vaatab lepingu üle ja vastab homme.',
    ],
    // A dare to publish.
    ['hostility', 'Kirjutage Facebooki, mida tahate.', 'Kirjutage meile, mis täpselt juhtus.'],
    // Mock praise.
    ['hostility', 'Oi kui tore, veel üks ekspert.', 'Aitäh, Teie tagasiside on meile väga väärtuslik.'],
    // Closing the conversation, but not a calm boundary's condition.
    [
      'hostility',
      'Siinkohal lõpetame selle vestluse.',
      'Solvavate sõnumite korral lõpetame vestluse, kuid praegu aitame hea meelega.',
    ],
  ],
  impossible_promise: [
    ['impossible_promise', 'Meister on teil 10 minutiga kohal.', 'Meister on teil homme kell 10 kohal.'],
    [
      'impossible_promise',
      'Tulevikus on kõik meie tooted alati laitmatud.',
      'Kontrollime tooted alati enne saatmist üle.',
    ],
    [
      'impossible_promise',
      'Leiame Teie kohvri igal juhul üles.',
      'Igal juhul vabandame ebamugavuste pärast.',
    ],
    ['impossible_promise', 'Parandame auto, ükskõik mis juhtub.', 'Helistage ükskõik mis küsimuse korral.'],
  ],
};

describe('Estonian coach findings', () => {
  for (const [group, list] of Object.entries(cases)) {
    describe(group, () => {
      it.each(list)('%s: "%s" raises it, "%s" does not', (rule, yes, no) => {
        expect(rules(yes)).toContain(rule);
        expect(rules(no)).not.toContain(rule);
      });
    });
  }
});

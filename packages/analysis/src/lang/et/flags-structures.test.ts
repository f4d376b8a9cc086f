import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../index.ts';
import type { Flag } from '../../vocabulary.ts';

const flagsOf = (text: string) => analyzeMessage(text, { lang: 'et' }).flags;

/** Each structure: messages that must raise the flag, and close look-alikes that must not. */
function expectFlag(flag: Flag, fires: readonly string[], quiet: readonly string[]) {
  it.each(fires)(`raises ${flag}: %s`, (text) => {
    expect(flagsOf(text)).toContain(flag);
  });
  it.each(quiet)(`does not raise ${flag}: %s`, (text) => {
    expect(flagsOf(text)).not.toContain(flag);
  });
}

describe('urgency: an imperative or a need wanting it now', () => {
  expectFlag(
    'urgency',
    [
      'Kelder on vett täis, saatke kedagi kohe!',
      'Vastake mulle täna, see on tähtis.',
      'Vajan seda dokumenti täna, mitte järgmisel nädalal.',
    ],
    [
      // a time word telling when something happened, or a calm booking
      'Uus kraan hakkas kohe tilkuma.',
      'Aitäh, et parandasite nii kiiresti!',
      'Tere, kas saaksite diivani homseks tuua?',
      'Ma ei tule täna tundi, olen haige.',
    ],
  );
});

describe('urgency: a demand by a date in a complaint, a deadline in a condition or an ultimatum', () => {
  expectFlag(
    'urgency',
    [
      'Arve on vale ja see on vastuvõetamatu. Nõuan parandust reedeks.',
      'Olen väga pettunud. Kui raha homseks kontol pole, kirjutan teie juhile.',
      'Sertifikaat peab olema mul 12. maiks, muidu kaotan töökoha.',
      'Raha tagasi, täna.',
    ],
    [
      'Tere, kas reedeks oleks veel vabu aegu?',
      'Kui homme sobib, tulen kell kümme.',
      'Ehitajad pidid lõpetama reedeks, kuid tööd seisavad.',
      'Tellisin 3. mail kaks lampi, tänaseks pole neid tulnud. Kus pakk on?',
    ],
  );
});

describe('repeat contact: a duration of waiting, a time since, the Nth day in a row', () => {
  expectFlag(
    'repeat_contact',
    [
      'Kaks nädalat ootan juba oma uut pesumasinat.',
      'Ootame juba kuu aega teie elektrikut.',
      'Olen oodanud tagasihelistamist esmaspäevast saati.',
      'Pakk on juba kümme päeva teel olnud.',
      'Internet ei tööta juba kolmandat päeva.',
      'Teist nädalat järjest on arvel sama viga.',
    ],
    [
      'Sain tellimuse kätte juba kaks päeva pärast, aitäh!',
      'Olen teie klient juba viis aastat ja väga rahul.',
      'Kas saaksin aja mõneks teiseks päevaks?',
    ],
  );
});

describe('repeat contact: a contact told with its time, counted redoings, asked at last', () => {
  expectFlag(
    'repeat_contact',
    [
      'Kirjutasin teile viis päeva tagasi ja vastust pole.',
      'Küsisin eelmisel nädalal hinnapakkumist, kas mu kiri jõudis kohale?',
      'Kardinad on kolm korda ümber õmmeldud ja ikka on need viltu.',
      'Saatke see arve siis lõpuks ära!',
      'Teie klienditugi ei vasta mu kirjadele.',
    ],
    [
      'Helistasin teile esmaspäeval, et aeg broneerida.',
      'Saatsin kauba tagasi, palun kinnitage kättesaamist.',
      // a condition about a next time is no history
      'Kui teie kuller veel kord mu lillepeenrast üle sõidab, kutsun politsei.',
    ],
  );
});

describe('threat of violence by implication: a casualty, damage "by accident", arms on a visit', () => {
  expectFlag(
    'threat_violence',
    [
      'Kui ta mu tütrega veel nii räägib, lahkub ta sealt kiirabiga.',
      'Kui auto homseks valmis pole, võivad teie töökoja aknad kogemata puruks minna.',
      'Saatke veel üks võlakiri ja ma tulen kurikaga teie kontorisse.',
      'Kui raha ei tagasta, ei vastuta ma oma tegude eest.',
      'Kui te ei helista, siis ajame juttu vanamoodi.',
      'Kui su kuller veel mu aeda sõidab, saad kere peale.',
      'Te ei tea, kellega te tegemist teete.',
    ],
    [
      'Mind viidi pärast teie toitu kiirabiga haiglasse.',
      'Vaas läks transpordil kogemata katki.',
      'Tuleme laupäeval kogu perega sünnipäevale.',
      'Tulen homme kohale ja vaatame remondi koos üle.',
      'Tagastage raha või panen teie poe kohta arvustuse üles.',
      'Kas teate, kellega ma peaksin arve asjus rääkima?',
    ],
  );
});

describe('vägivald tagajärje, teadmise või nõuande kaudu', () => {
  expectFlag(
    'threat_violence',
    [
      'Kui raha reedeks tagasi pole, siis te näete, mis juhtub.',
      'Teie meister on petis, lõhkus mu toru ja valetas. Ma tean, kus ta elab.',
    ],
    [
      'Kui valu ei lähe üle, kas pean minema haiglasse?',
      'Tean, kus teie kontor asub, toon paberid esmaspäeval.',
    ],
  );
});

describe('churn said briefly or formally', () => {
  expectFlag(
    'churn_threat',
    [
      'Kolmas kord vale arve. Aitab.',
      'Arve oli jälle vale ja keegi ei vasta. Lõpetame lepingu.',
      'Hinnatõus ei ole põhjendatud, seega lõpetame teie juures koostöö.',
      'Kaks korda jäi meister tulemata. Ei usu, et me enam teie poodi tuleme.',
      'Ma ei jää teie kliendiks, kui arveid ei parandata.',
      'Me ei telli teilt enam, kolmas kord vale kaup.',
      'Kolmas hilinemine sel kuul. Edaspidi tellime kohvi teiselt firmalt.',
      'Hinnad tõusid ilma teavituseta. Esitan lepingu ülesütlemise avalduse.',
      'Arve oli kolm korda vale. Ütleme lepingu üles.',
      'Koristajad jätsid jälle pooled toad tegemata, seega otsustasime lepingut mitte pikendada.',
      'Remont venis kuu aega ja meister ei vastanud. Otsime uue ehitaja.',
    ],
    [
      'Aitab küll, aitäh, kõik sai selgeks!',
      // a calm ending for a reason of one's own (the learned model reads "lõpetame lepingu" as leaving either way)
      'Kolime välismaale, seega ütleme lepingu üles.',
      'Palun saatke pakk teise pakiautomaati.',
      'Ma jõuan enam kui tunni hiljem, vabandust.',
      'Edaspidi palun saatke arve teisele aadressile.',
      'Kolime välismaale, seega esitan lepingu ülesütlemise avalduse.',
      'Aitäh abi eest. Hüvasti!',
      'Kas saan oma jõusaali lepingut pikendada ka veebis?',
      'Otsime uue aja, sest laps jäi haigeks.',
      'Meister jäi jälle haigeks ja aeg tühistati, see on tüütu. Otsime uue aja.',
    ],
  );
});

describe('shouting: one word of the language in capitals inside a sentence', () => {
  expectFlag(
    'shouting',
    [
      'See oli KÕIGE halvem teenindus, mida olen kogenud.',
      'Teie rakendus on täiesti KASUTU, ei saa sisse logida.',
      'Arve on SUUREM kui lepingus kirjas.',
    ],
    [
      // a firm's name in capitals, or a signature in capitals
      'Kas teie TALLINK pakett sisaldab hommikusööki?',
      'Tere, kas kaup on laos?\n\nTERVITUSTEGA\nMARI MAASIKAS',
    ],
  );
});

/**
 * Estonian inflection as data: each lemma's principal parts, reviewed by hand. Case endings
 * attach to the genitive stem (singular) and the plural genitive stem, so the 14 cases of both
 * numbers follow from five forms (nominative, genitive, partitive, plural genitive, plural partitive).
 */

const CASE_ENDINGS = ['sse', 's', 'st', 'le', 'l', 'lt', 'ks', 'ni', 'na', 'ta', 'ga'];

interface Paradigm {
  nom: string;
  gen: string;
  part: string;
  genPl: string;
  partPl: string;
  /** Forms outside the pattern, such as a short illative (`persse`). */
  extra?: string[];
}

function forms({ nom, gen, part, genPl, partPl, extra = [] }: Paradigm): string[] {
  return [
    nom,
    gen,
    part,
    `${gen}d`,
    genPl,
    partPl,
    ...CASE_ENDINGS.map((ending) => gen + ending),
    ...CASE_ENDINGS.map((ending) => genPl + ending),
    ...extra,
  ];
}

const noun = (
  nom: string,
  gen: string,
  part: string,
  genPl: string,
  partPl: string,
  ...extra: string[]
): Paradigm => ({
  nom,
  gen,
  part,
  genPl,
  partPl,
  extra,
});

const PARADIGMS: readonly Paradigm[] = [
  noun('petis', 'petise', 'petist', 'petiste', 'petiseid'),
  noun('perse', 'perse', 'perset', 'persete', 'persesid', 'persse'),
  noun('idioot', 'idioodi', 'idiooti', 'idiootide', 'idioote'),
  noun('loll', 'lolli', 'lolli', 'lollide', 'lolle'),
  noun('lollakas', 'lollaka', 'lollakat', 'lollakate', 'lollakaid'),
  noun('debiilik', 'debiiliku', 'debiilikut', 'debiilikute', 'debiilikuid'),
  noun('kretiin', 'kretiini', 'kretiini', 'kretiinide', 'kretiine'),
  noun('jobu', 'jobu', 'jobu', 'jobude', 'jobusid'),
  noun('tola', 'tola', 'tola', 'tolade', 'tolasid'),
  noun('tõbras', 'tõpra', 'tõbrast', 'tõbraste', 'tõpraid'),
  noun('värdjas', 'värdja', 'värdjat', 'värdjate', 'värdjaid'),
  noun('lurjus', 'lurjuse', 'lurjust', 'lurjuste', 'lurjuseid'),
  noun('kaabakas', 'kaabaka', 'kaabakat', 'kaabakate', 'kaabakaid'),
  noun('varas', 'varga', 'varast', 'varaste', 'vargaid'),
  noun('kelm', 'kelmi', 'kelmi', 'kelmide', 'kelme'),
  noun('sitapea', 'sitapea', 'sitapead', 'sitapeade', 'sitapäid'),
  noun('türapea', 'türapea', 'türapead', 'türapeade', 'türapäid'),
  noun('munnpea', 'munnpea', 'munnpead', 'munnpeade', 'munnpäid'),
  noun('puupea', 'puupea', 'puupead', 'puupeade', 'puupäid'),
  noun('tainapea', 'tainapea', 'tainapead', 'tainapeade', 'tainapäid'),
  noun('mölakas', 'mölaka', 'mölakat', 'mölakate', 'mölakaid'),
  noun('mats', 'matsi', 'matsi', 'matside', 'matse'),
  noun('nõmedik', 'nõmediku', 'nõmedikku', 'nõmedike', 'nõmedikke'),
  noun('ahv', 'ahvi', 'ahvi', 'ahvide', 'ahve'),
  noun('lits', 'litsi', 'litsi', 'litside', 'litse'),
  noun('hoor', 'hoora', 'hoora', 'hoorade', 'hoorasid'),
  noun('sitt', 'sita', 'sitta', 'sittade', 'sittu', 'sitaks'),
  noun('pask', 'pasa', 'paska', 'paskade', 'paskasid'),
  noun('türa', 'türa', 'türa', 'türade', 'türasid'),
  noun('munn', 'munni', 'munni', 'munnide', 'munne'),
  noun('vitt', 'vitu', 'vittu', 'vittude', 'vittusid'),
  noun('kurat', 'kuradi', 'kuradit', 'kuratide', 'kuradeid'),
  noun('pettur', 'petturi', 'petturit', 'petturite', 'pettureid'),
  noun('röövel', 'röövli', 'röövlit', 'röövlite', 'röövleid'),
  noun('kohus', 'kohtu', 'kohut', 'kohtute', 'kohtuid', 'kohtusse'),
  noun('advokaat', 'advokaadi', 'advokaati', 'advokaatide', 'advokaate'),
  noun('jurist', 'juristi', 'juristi', 'juristide', 'juriste'),
  noun('politsei', 'politsei', 'politseid', 'politseide', 'politseisid', 'politseisse'),
  noun('arvustus', 'arvustuse', 'arvustust', 'arvustuste', 'arvustusi'),
  noun('hüvitis', 'hüvitise', 'hüvitist', 'hüvitiste', 'hüvitisi'),
  noun('allahindlus', 'allahindluse', 'allahindlust', 'allahindluste', 'allahindlusi'),
  noun('soodustus', 'soodustuse', 'soodustust', 'soodustuste', 'soodustusi'),
  noun('kinkekaart', 'kinkekaardi', 'kinkekaarti', 'kinkekaartide', 'kinkekaarte'),
  noun('pakk', 'paki', 'pakki', 'pakkide', 'pakke'),
  noun('saadetis', 'saadetise', 'saadetist', 'saadetiste', 'saadetisi'),
  noun('kuller', 'kulleri', 'kullerit', 'kullerite', 'kullereid'),
  noun('tellimus', 'tellimuse', 'tellimust', 'tellimuste', 'tellimusi'),
  noun('arve', 'arve', 'arvet', 'arvete', 'arveid'),
  noun('hind', 'hinna', 'hinda', 'hindade', 'hindu'),
  noun('broneering', 'broneeringu', 'broneeringut', 'broneeringute', 'broneeringuid'),
  noun('rakendus', 'rakenduse', 'rakendust', 'rakenduste', 'rakendusi'),
  noun('teenindaja', 'teenindaja', 'teenindajat', 'teenindajate', 'teenindajaid'),
  noun('teenindus', 'teeninduse', 'teenindust', 'teeninduste', 'teenindusi'),
  noun('viga', 'vea', 'viga', 'vigade', 'vigu'),
  noun('kvaliteet', 'kvaliteedi', 'kvaliteeti', 'kvaliteetide', 'kvaliteete'),
  noun('järjekord', 'järjekorra', 'järjekorda', 'järjekordade', 'järjekordi'),
  noun('skandaal', 'skandaali', 'skandaali', 'skandaalide', 'skandaale'),
  noun('konkurent', 'konkurendi', 'konkurenti', 'konkurentide', 'konkurente'),
];

/** Built on first use: a process whose packs come from their term snapshots never needs it. */
let byLemma: ReadonlyMap<string, readonly string[]> | null = null;

export function inflect(lemma: string): readonly string[] {
  byLemma ??= new Map(PARADIGMS.map((p) => [p.nom, [...new Set(forms(p))]]));
  return byLemma.get(lemma) ?? [];
}

import type { GenderedForm } from '../../forms/forms-pack.ts';

/**
 * Polish phrases are written with both genders ("Pan/Pani", "czułbym/czułabym", "musiał(a)"); these
 * turn them into the one form the agent and the customer use. Whole phrases with a neutral wording come
 * first, so a neutral speaker gets a sentence that names no gender rather than a slash.
 */
export const genderedForms: GenderedForm[] = [
  {
    who: 'speaker',
    pattern: 'czułbym/czułabym się tak samo',
    masculine: 'czułbym się tak samo',
    feminine: 'czułabym się tak samo',
    neutral: 'każdy czułby się tak samo',
    example: {
      text: 'Na Pana miejscu czułbym/czułabym się tak samo.',
      masculine: 'Na Pana miejscu czułbym się tak samo.',
      feminine: 'Na Pana miejscu czułabym się tak samo.',
    },
  },
  {
    who: 'speaker',
    pattern: 'żebym mógł/mogła to sprawdzić',
    masculine: 'żebym mógł to sprawdzić',
    feminine: 'żebym mogła to sprawdzić',
    neutral: 'żeby to sprawdzić',
    example: {
      text: 'Proszę o numer zamówienia, żebym mógł/mogła to sprawdzić.',
      masculine: 'Proszę o numer zamówienia, żebym mógł to sprawdzić.',
      feminine: 'Proszę o numer zamówienia, żebym mogła to sprawdzić.',
    },
  },
  {
    who: 'speaker',
    pattern: 'będę zmuszony/zmuszona ją zakończyć',
    masculine: 'będę zmuszony ją zakończyć',
    feminine: 'będę zmuszona ją zakończyć',
    neutral: 'zakończę ją',
    example: {
      text: 'Jeśli ton się nie zmieni, będę zmuszony/zmuszona ją zakończyć.',
      masculine: 'Jeśli ton się nie zmieni, będę zmuszony ją zakończyć.',
      feminine: 'Jeśli ton się nie zmieni, będę zmuszona ją zakończyć.',
    },
  },
  {
    who: 'speaker',
    pattern: '(\\p{L}+)łbym/(\\p{L}+)łabym',
    masculine: '$1łbym',
    feminine: '$2łabym',
    example: {
      text: 'Chciałbym/Chciałabym to wyjaśnić.',
      masculine: 'Chciałbym to wyjaśnić.',
      feminine: 'Chciałabym to wyjaśnić.',
    },
  },
  {
    who: 'speaker',
    pattern: '(\\p{L}+)łem/(\\p{L}+)łam',
    masculine: '$1łem',
    feminine: '$2łam',
    example: {
      text: 'Sprawdziłem/Sprawdziłam zamówienie.',
      masculine: 'Sprawdziłem zamówienie.',
      feminine: 'Sprawdziłam zamówienie.',
    },
  },
  {
    who: 'speaker',
    pattern: '(zmuszony|gotowy|przekonany|pewien|mógł)/(zmuszona|gotowa|przekonana|pewna|mogła)',
    masculine: '$1',
    feminine: '$2',
    example: {
      text: 'Jestem gotowy/gotowa pomóc.',
      masculine: 'Jestem gotowy pomóc.',
      feminine: 'Jestem gotowa pomóc.',
    },
  },
  {
    who: 'addressee',
    pattern: '([Pp])an/[Pp]ani',
    masculine: '$1an',
    feminine: '$1ani',
    example: {
      text: 'Czy może Pan/Pani przesłać zdjęcie?',
      masculine: 'Czy może Pan przesłać zdjęcie?',
      feminine: 'Czy może Pani przesłać zdjęcie?',
    },
  },
  {
    who: 'addressee',
    pattern: '([Pp])ana/[Pp]ani',
    masculine: '$1ana',
    feminine: '$1ani',
    example: {
      text: 'Rozumiem Pana/Pani rozczarowanie.',
      masculine: 'Rozumiem Pana rozczarowanie.',
      feminine: 'Rozumiem Pani rozczarowanie.',
    },
  },
  {
    who: 'addressee',
    pattern: '([Pp])ana/[Pp]anią',
    masculine: '$1ana',
    feminine: '$1anią',
    example: {
      text: 'To Pana/Panią zdenerwowało.',
      masculine: 'To Pana zdenerwowało.',
      feminine: 'To Panią zdenerwowało.',
    },
  },
  {
    who: 'addressee',
    pattern: '([Pp])anu/[Pp]ani',
    masculine: '$1anu',
    feminine: '$1ani',
    example: { text: 'Chcę Panu/Pani pomóc.', masculine: 'Chcę Panu pomóc.', feminine: 'Chcę Pani pomóc.' },
  },
  {
    who: 'addressee',
    pattern: '([Pp])anem/[Pp]anią',
    masculine: '$1anem',
    feminine: '$1anią',
    example: {
      text: 'Skontaktuję się z Panem/Panią jutro.',
      masculine: 'Skontaktuję się z Panem jutro.',
      feminine: 'Skontaktuję się z Panią jutro.',
    },
  },
  {
    who: 'addressee',
    pattern: '(?:Szanowny/Szanowna|Szanowny) Panie/Pani',
    masculine: 'Szanowny Panie',
    feminine: 'Szanowna Pani',
    example: { text: 'Szanowny Panie/Pani,', masculine: 'Szanowny Panie,', feminine: 'Szanowna Pani,' },
  },
  {
    who: 'addressee',
    pattern: '([Pp])anie/[Pp]ani',
    masculine: '$1anie',
    feminine: '$1ani',
    example: { text: 'Dziękuję, Panie/Pani!', masculine: 'Dziękuję, Panie!', feminine: 'Dziękuję, Pani!' },
  },
  {
    who: 'addressee',
    pattern: '(\\p{L}+ł)\\(a\\)',
    masculine: '$1',
    feminine: '$1a',
    example: {
      text: 'Przepraszam, że musiał(a) Pan/Pani czekać.',
      masculine: 'Przepraszam, że musiał Pan czekać.',
      feminine: 'Przepraszam, że musiała Pani czekać.',
    },
  },
];

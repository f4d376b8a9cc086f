/**
 * The last part of a web address (oponeo.pl, kodutark.ee, trustpilot.com): after a publishing verb, a
 * domain ending names a public place in any language ("wisi na oponeo.pl", "postitasin kodutark.ee-sse",
 * "it is on reviews.io"). The text splits words at the dot, so the ending is a word of its own.
 */
export const DOMAIN_ENDINGS = [
  'ee',
  'com',
  'net',
  'org',
  'eu',
  'io',
  'info',
  'pl',
  'lv',
  'lt',
  'fi',
  'de',
  'uk',
];

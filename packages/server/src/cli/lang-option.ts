import { LANGS, type Lang } from '@calmdesk/analysis';

/** Parses an optional language code, naming the allowed values when it is wrong. */
export function parseLang(value: unknown, where: string): Lang | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && (LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new RangeError(`${where} must be one of ${LANGS.join(', ')}, not ${JSON.stringify(value)}`);
}

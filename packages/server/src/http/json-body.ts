import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Parses JSON bodies strictly: invalid UTF-8, lone surrogates and NUL characters are refused with the
 * path of the bad string, because PostgreSQL would store something else than was sent.
 */
export function registerStrictJson(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw, done) => {
    let text: string;
    try {
      text = utf8.decode(raw as Buffer);
    } catch {
      return done(new AppError('bad_request', 'the body is not valid UTF-8'));
    }
    if (text.trim() === '') return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return done(new AppError('bad_request', `the body is not valid JSON: ${(error as Error).message}`));
    }
    const bad = findBadString(value, '');
    if (bad) return done(new AppError('bad_request', `${bad.path || 'body'}: ${bad.why}`, bad.path));
    done(null, value);
  });
}

function findBadString(value: unknown, path: string): { path: string; why: string } | null {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value))
      return { path, why: 'the text holds a lone surrogate (not valid Unicode)' };
    if (value.includes('\u0000')) return { path, why: 'the text holds a NUL character' };
    return null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const bad = findBadString(item, `${path}${path ? '.' : ''}${index}`);
      if (bad) return bad;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const bad = findBadString(key, path) ?? findBadString(item, `${path}${path ? '.' : ''}${key}`);
      if (bad) return bad;
    }
  }
  return null;
}

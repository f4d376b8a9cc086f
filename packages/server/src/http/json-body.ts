import type { FastifyInstance } from 'fastify';
import { unstorableTextProblem } from '../db/storable-text.ts';
import { AppError } from '../errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses JSON bodies strictly: invalid UTF-8, lone surrogates and NUL characters are refused with the
 * path of the bad string, because PostgreSQL would store something else than was sent.
 */
export function registerStrictJson(app: FastifyInstance): void {
  // The query and the path are text from the client too; checked before they are validated.
  app.addHook('preValidation', async (request) => {
    const bad = findBadString(request.params, 'params') ?? findBadString(request.query, 'query');
    if (bad) throw new AppError('bad_request', `${bad.path}: ${bad.why}`, bad.path);
  });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw, done) => {
    let text: string;
    try {
      text = utf8.decode(raw as Buffer);
    } catch {
      return done(new AppError('bad_request', 'the body is not valid UTF-8'));
    }
    if (text.trim() === '') return done(null, undefined);
    if (isNestedTooDeep(text)) {
      return done(new AppError('bad_request', `body: nested deeper than ${MAX_JSON_DEPTH} levels`, 'body'));
    }
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

/** Deeper than any request of the API; bounds the recursion of everything that walks a body. */
export const MAX_JSON_DEPTH = 32;

/** Counts the brackets outside strings, before JSON.parse builds anything. */
function isNestedTooDeep(text: string): boolean {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) isInString = false;
    } else if (c === QUOTE) isInString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** The first string in a parsed body, query or path whose text PostgreSQL would not keep as sent. */
export function findBadString(value: unknown, path: string): { path: string; why: string } | null {
  if (typeof value === 'string') {
    const why = unstorableTextProblem(value);
    return why === null ? null : { path, why };
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

import { z } from 'zod';
import { ERROR_CODES, ERROR_REASONS } from './enums.ts';

/**
 * Every error answer: `{error: {code, message, path?, reason?, limit?}}`. `path` names the field at fault
 * (`body.email`, `query.limit`); some codes add facts next to the message (which interaction the
 * coach blocked, for example), so the object lets them through.
 */
export const ErrorBodySchema = z.object({
  error: z.looseObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    path: z.string().optional(),
    reason: z.enum(ERROR_REASONS).optional(),
    /** The bound a `too_*` reason refers to (characters, items or the number itself). */
    limit: z.number().optional(),
    /** An import file's columns the reason is about (unknown, repeated or missing ones). */
    columns: z.array(z.string()).optional(),
    /** The line of an import file the reason is about. */
    line: z.number().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The error answers every API operation may give, for its response schemas. */
export const ERROR_RESPONSES = {
  400: ErrorBodySchema.describe('Bad input: `error.path` names the field'),
  401: ErrorBodySchema.describe('Not signed in'),
  403: ErrorBodySchema.describe('The role may not do this'),
  404: ErrorBodySchema.describe('No such row or route'),
  409: ErrorBodySchema.describe('Conflicts with the current state'),
  413: ErrorBodySchema.describe('The body is too large'),
  422: ErrorBodySchema.describe('Refused by a rule: a blocked reply or an approval needed'),
  429: ErrorBodySchema.describe('Too many requests'),
  500: ErrorBodySchema.describe('An unexpected failure'),
} as const;

/** An operation's answers: its own, and every error answer. */
export const withErrors = <Answers extends Record<number, unknown>>(answers: Answers) => ({
  ...answers,
  ...ERROR_RESPONSES,
});

import { z } from 'zod';
import { CaseQuerySchema, CaseStatusSchema } from './cases.ts';
import { InstantSchema, NamedSchema } from './common.ts';
import { ERROR_CODES } from './enums.ts';

/** Cases one bulk change may name at most. */
export const MAX_BULK_CASES = 200;

/**
 * `POST /api/cases/bulk`: one change applied to each case in turn, by the same rules and with the same
 * audit entry as `PATCH /api/cases/{id}`; a case that refuses it does not stop the others.
 */
export const CaseBulkSchema = z.strictObject({
  ids: z
    .array(z.string().min(1).max(100))
    .min(1)
    .max(MAX_BULK_CASES)
    .refine((ids) => new Set(ids).size === ids.length, 'each case only once'),
  change: z
    .strictObject({
      status: CaseStatusSchema,
      /** A user id, or null for nobody. */
      assignee: z.string().max(100).nullable(),
    })
    .partial()
    .refine((change) => Object.keys(change).length > 0, 'nothing to change'),
});
export type CaseBulk = z.infer<typeof CaseBulkSchema>;

export const CaseBulkResultSchema = z.object({
  /** One per case named, in the order named. */
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      /** Why this case refused the change; null when it took it. */
      error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
    }),
  ),
  changed: z.number().int(),
  failed: z.number().int(),
});
export type CaseBulkResult = z.infer<typeof CaseBulkResultSchema>;

/** The inbox's filters and search as a saved view keeps them (no paging). */
export const ViewFiltersSchema = CaseQuerySchema.pick({
  status: true,
  level: true,
  channel: true,
  assignee: true,
  escalated: true,
  q: true,
})
  .extend({ sort: CaseQuerySchema.shape.sort.removeDefault().optional() })
  .strict();
export type ViewFilters = z.infer<typeof ViewFiltersSchema>;

export const NewSavedViewSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  /** Shown to every member of staff, not only to the one who saved it. */
  shared: z.boolean().default(false),
  filters: ViewFiltersSchema,
});
export type NewSavedView = z.input<typeof NewSavedViewSchema>;

export const SavedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  shared: z.boolean(),
  filters: ViewFiltersSchema,
  owner: NamedSchema,
  /** The one asking may delete it: their own, or (supervisor, owner) a shared one. */
  canDelete: z.boolean(),
  createdAt: InstantSchema,
});
export type SavedView = z.infer<typeof SavedViewSchema>;

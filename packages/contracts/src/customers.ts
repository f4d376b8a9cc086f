import { z } from 'zod';
import { InstantSchema } from './common.ts';
import { ADDRESS_FORMS, LANGS, SALUTATIONS } from './enums.ts';

export const CustomerInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  phone: z
    .string()
    .max(40)
    .regex(/^\+?[\d\s().-]{5,}$/, 'a phone number of digits, spaces, dashes or brackets')
    .optional(),
  language: z.enum(LANGS).optional(),
  addressForm: z.enum(ADDRESS_FORMS).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  notes: z.string().max(10_000).optional(),
});
export type CustomerInput = z.infer<typeof CustomerInputSchema>;

const PhoneSchema = z
  .string()
  .max(40)
  .regex(/^\+?[\d\s().-]{5,}$/, 'a phone number of digits, spaces, dashes or brackets');

/** Rectification (GDPR Art. 16): the fields a person's request may correct; a list given replaces the old one. */
export const CustomerPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    emails: z.array(z.email().max(320)).max(20).optional(),
    phones: z.array(PhoneSchema).max(20).optional(),
    /** Any language code an import may have kept; null: not known. */
    language: z.enum(LANGS).nullable().optional(),
    /** Pan, Pani or by first name; null: not known. Sets the formal or informal address with it. */
    salutation: z.enum(SALUTATIONS).nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    message: 'nothing to change',
    params: { reason: 'nothing_to_change' },
  });
export type CustomerPatch = z.infer<typeof CustomerPatchSchema>;

export const CustomerQuerySchema = z.strictObject({
  email: z.string().max(320).optional(),
  phone: z.string().max(40).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CustomerQuery = z.infer<typeof CustomerQuerySchema>;

export const CustomerSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  /** Imports may keep a language the engine has no pack for, so any code. */
  language: z.string().nullable(),
  addressForm: z.enum(ADDRESS_FORMS).nullable(),
  /** How the customer likes to be addressed: Mr (Pan), Ms (Pani) or by first name; null: not known. */
  salutation: z.enum(SALUTATIONS).nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  createdAt: InstantSchema,
  /** When the person's data was erased (GDPR Art. 17); null while it is kept. */
  erasedAt: InstantSchema.nullable(),
});
export type Customer = z.infer<typeof CustomerSchema>;

/** `GET /api/customers/directory`: a page of customers, searched by name, e-mail or phone. */
export const CustomerDirectoryQuerySchema = z.strictObject({
  /** Letters are compared without Polish and Estonian diacritics: "Lukasz" finds "Łukasz". */
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type CustomerDirectoryQuery = z.infer<typeof CustomerDirectoryQuerySchema>;

export const CustomerDirectoryEntrySchema = CustomerSchema.extend({
  caseCount: z.number().int(),
  openCaseCount: z.number().int(),
});
export type CustomerDirectoryEntry = z.infer<typeof CustomerDirectoryEntrySchema>;

export const CustomerDirectoryPageSchema = z.object({
  items: z.array(CustomerDirectoryEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CustomerDirectoryPage = z.infer<typeof CustomerDirectoryPageSchema>;

/** `POST /api/customers/{id}/merge`: the other customer (the same person) is folded into this one. */
export const CustomerMergeSchema = z.strictObject({ from: z.string().min(1).max(100) });
export type CustomerMerge = z.infer<typeof CustomerMergeSchema>;

/** What moved to the kept customer. */
export const CustomerMergeResultSchema = z.object({
  customer: CustomerSchema,
  moved: z.object({
    cases: z.number().int(),
    bookings: z.number().int(),
    invoices: z.number().int(),
    prepaidPackages: z.number().int(),
    boundaryDecisions: z.number().int(),
    abuseIncidents: z.number().int(),
    emails: z.number().int(),
    phones: z.number().int(),
  }),
});
export type CustomerMergeResult = z.infer<typeof CustomerMergeResultSchema>;

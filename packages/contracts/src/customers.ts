import { z } from 'zod';
import { InstantSchema } from './common.ts';
import { ADDRESS_FORMS, LANGS } from './enums.ts';

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
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  createdAt: InstantSchema,
  /** When the person's data was erased (GDPR Art. 17); null while it is kept. */
  erasedAt: InstantSchema.nullable(),
});
export type Customer = z.infer<typeof CustomerSchema>;

import { z } from 'zod';

/** A row id in a path (a UUID, or an id an import kept): what every `/:id` route accepts. */
export const RowIdSchema = z.string().min(1).max(100);

export const IdParamsSchema = z.strictObject({ id: RowIdSchema });

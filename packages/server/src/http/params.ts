// The path parameters every `/:id` route shares are part of the API contract.
export { IdParamsSchema, RowIdSchema } from '@calmdesk/contracts';

import {
  CustomerDetailSchema,
  CustomerInputSchema,
  CustomerPatchSchema,
  CustomerQuerySchema,
  CustomerSchema,
  IdParamsSchema,
  itemsOf,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCustomerCaseDetails } from '../cases/cases.service.ts';
import type { AppContext } from '../http/context.ts';
import {
  createCustomer,
  getCustomerRow,
  listCustomers,
  presentCustomer,
  updateCustomer,
} from './customers.service.ts';

export function customersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['customers'];
    app.get(
      '/api/customers',
      {
        schema: {
          tags,
          summary: 'Find customers',
          querystring: CustomerQuerySchema,
          response: withErrors({ 200: itemsOf(CustomerSchema) }),
        },
      },
      async (request) => ({ items: await listCustomers(ctx.db, request.query) }),
    );
    app.post(
      '/api/customers',
      {
        schema: {
          tags,
          summary: 'Add a customer',
          body: CustomerInputSchema,
          response: withErrors({ 201: CustomerSchema }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createCustomer(ctx.db, request.actor, request.body)),
    );
    app.get(
      '/api/customers/:id',
      {
        schema: {
          tags,
          summary: 'A customer with every case and interaction',
          params: IdParamsSchema,
          response: withErrors({ 200: CustomerDetailSchema }),
        },
      },
      async (request) => {
        const customer = presentCustomer(await getCustomerRow(ctx.db, request.params.id));
        const cases = await getCustomerCaseDetails(ctx.db, customer.id);
        return { ...customer, cases };
      },
    );
    app.patch(
      '/api/customers/:id',
      {
        schema: {
          tags,
          summary: "Correct a customer's name, e-mails or phones (GDPR Art. 16)",
          params: IdParamsSchema,
          body: CustomerPatchSchema,
          response: withErrors({ 200: CustomerSchema }),
        },
      },
      async (request) => updateCustomer(ctx.db, request.actor, request.params.id, request.body, ctx.now()),
    );
  };
}

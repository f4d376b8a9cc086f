import {
  CustomerDetailSchema,
  CustomerDirectoryPageSchema,
  CustomerDirectoryQuerySchema,
  CustomerInputSchema,
  CustomerMergeResultSchema,
  CustomerMergeSchema,
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
import { searchCustomerDirectory } from './customer-directory.ts';
import {
  createCustomer,
  getCustomerRow,
  listCustomers,
  presentCustomer,
  updateCustomer,
} from './customers.service.ts';
import { mergeCustomers } from './merge-customers.ts';

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
          summary: "Correct a customer's name, e-mails, phones, language or form of address (GDPR Art. 16)",
          params: IdParamsSchema,
          body: CustomerPatchSchema,
          response: withErrors({ 200: CustomerSchema }),
        },
      },
      async (request) => updateCustomer(ctx.db, request.actor, request.params.id, request.body, ctx.now()),
    );
    app.get(
      '/api/customers/directory',
      {
        schema: {
          tags,
          summary:
            'The customer directory: a page of customers found by name, e-mail or phone, diacritics ignored',
          querystring: CustomerDirectoryQuerySchema,
          response: withErrors({ 200: CustomerDirectoryPageSchema }),
        },
      },
      async (request) => searchCustomerDirectory(ctx.db, request.query),
    );
    app.post(
      '/api/customers/:id/merge',
      {
        schema: {
          tags,
          summary:
            'Merge another customer (the same person) into this one: cases, bookings, invoices, boundaries and contacts move, the other is deleted',
          params: IdParamsSchema,
          body: CustomerMergeSchema,
          response: withErrors({ 200: CustomerMergeResultSchema }),
        },
      },
      async (request) =>
        mergeCustomers(ctx.db, request.actor, request.params.id, request.body.from, ctx.now()),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';

export function boundariesRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}

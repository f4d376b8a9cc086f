import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { analyticsRoutes } from '../analytics/analytics.routes.ts';
import { auditRoutes } from '../audit/audit.routes.ts';
import { registerAuth } from '../auth/auth.hook.ts';
import { authRoutes } from '../auth/auth.routes.ts';
import { databaseRateLimitStore } from '../auth/rate-limit-store.ts';
import { tokensRoutes } from '../auth/tokens.routes.ts';
import { boundariesRoutes } from '../boundaries/boundaries.routes.ts';
import { casesRoutes } from '../cases/cases.routes.ts';
import { commitmentsRoutes } from '../commitments/commitments.routes.ts';
import { customersRoutes } from '../customers/customers.routes.ts';
import { engineRoutes } from '../engine/engine.routes.ts';
import { gdprRoutes } from '../gdpr/gdpr.routes.ts';
import { registerIdempotency } from '../idempotency/idempotency.hook.ts';
import { importsRoutes } from '../imports/imports.routes.ts';
import { inboxRoutes } from '../inbox/inbox.routes.ts';
import { jobsRoutes } from '../jobs/jobs.routes.ts';
import { liveRoutes } from '../live/live.routes.ts';
import { localRoutes } from '../local/local.routes.ts';
import { mailboxesRoutes } from '../mail/mailboxes.routes.ts';
import { notificationsRoutes } from '../notifications/notifications.routes.ts';
import { packageFile } from '../package-root.ts';
import { profilesRoutes } from '../profiles/profiles.routes.ts';
import { repliesRoutes } from '../replies/replies.routes.ts';
import { trainingRoutes } from '../training/training.routes.ts';
import { staffAdminRoutes } from '../users/staff-admin.routes.ts';
import { usersRoutes } from '../users/users.routes.ts';
import type { AppContext } from './context.ts';
import { registerErrorHandler } from './errors.ts';
import { registerStrictJson } from './json-body.ts';
import { createLogger, QuietRequestLog } from './logging.ts';
import { registerSecurityHeaders } from './security-headers.ts';

const webDist = fileURLToPath(packageFile('../web/dist'));

/** Largest request body: a long e-mail thread fits; more is refused with 413. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the HTTP app without listening, so tests can use `app.inject()`. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: createLogger(ctx.config),
    logController: new QuietRequestLog(),
    bodyLimit: BODY_LIMIT_BYTES,
    ...(ctx.config.trustProxy === undefined ? {} : { trustProxy: ctx.config.trustProxy }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerStrictJson(app);
  registerErrorHandler(app);
  await registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  // Counted in the database: the sign-in limit holds across every server process on it.
  await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(ctx.db, ctx.now) });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'CalmDesk API', version: '0.1.0', description: 'Cases, customers and the text engine.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'calmdesk_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The docs UI and its assets are readable without signing in; the API they describe is not.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, isPublic: true };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: false } });
  registerAuth(app, ctx);
  registerIdempotency(app, ctx);

  app.get('/api/health', { config: { isPublic: true }, schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/api/openapi.json', { config: { isPublic: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(authRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(casesRoutes(ctx));
  await app.register(commitmentsRoutes(ctx));
  await app.register(customersRoutes(ctx));
  await app.register(repliesRoutes(ctx));
  await app.register(gdprRoutes(ctx));
  await app.register(usersRoutes(ctx));
  await app.register(staffAdminRoutes(ctx));
  await app.register(inboxRoutes(ctx));
  await app.register(tokensRoutes(ctx));
  await app.register(localRoutes(ctx));
  await app.register(profilesRoutes(ctx));
  await app.register(boundariesRoutes(ctx));
  await app.register(importsRoutes(ctx));
  await app.register(analyticsRoutes(ctx));
  await app.register(mailboxesRoutes(ctx));
  await app.register(jobsRoutes(ctx));
  await app.register(notificationsRoutes(ctx));
  await app.register(trainingRoutes(ctx));
  await app.register(liveRoutes(ctx));
  await app.register(engineRoutes());
  if (existsSync(webDist)) await serveWebApp(app);
  return app;
}

/** The built web app, with every non-API path answered by index.html (client-side routing). */
async function serveWebApp(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.get('/*', { config: { isPublic: true }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `no route GET ${request.url}` } });
    }
    return reply.sendFile('index.html');
  });
}

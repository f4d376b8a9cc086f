import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A year: how long a browser that saw CalmDesk over HTTPS keeps to HTTPS (sent only over HTTPS). */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Helmet's headers with a strict Content-Security-Policy. The two that tell a browser to use HTTPS only
 * (`upgrade-insecure-requests`, Strict-Transport-Security) go out only on requests that came by HTTPS,
 * directly or through a proxy named in TRUST_PROXY: sent over plain HTTP on a LAN they make the browser
 * fetch the app's scripts by HTTPS from a server that has none, and the page stays blank.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    hsts: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!cameByTls(request)) return;
    const policy = reply.getHeader('content-security-policy');
    if (typeof policy === 'string') {
      reply.header('content-security-policy', `${policy};upgrade-insecure-requests`);
    }
    reply.header('strict-transport-security', HSTS);
  });
}

/** HTTPS to this server, or to a believed proxy (X-Forwarded-Proto; Fastify reads it only from TRUST_PROXY). */
export function cameByTls(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import { type DestinationStream, pino } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Config } from '../config.ts';

/** Anything with an @ (or its escape %40): an e-mail address in a path segment. */
const EMAIL_SEGMENT = /[^/?#]*(?:@|%40)[^/?#]*/gi;

/**
 * A URL fit for a log line: every query value is replaced (search terms and e-mail addresses are
 * personal data; the names are enough to follow a request) and a path segment holding an e-mail
 * address is masked.
 * @example redactUrl('/api/customers?q=anna@example.com&limit=5') // '/api/customers?q=…&limit=…'
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = (queryStart === -1 ? url : url.slice(0, queryStart)).replace(EMAIL_SEGMENT, '…@…');
  if (queryStart === -1) return path;
  const names = url
    .slice(queryStart + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=')[0]?.replace(EMAIL_SEGMENT, '…@…')}=…`);
  return `${path}?${names.join('&')}`;
}

const serializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.ip,
  }),
  res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
  err: pino.stdSerializers.err,
};

/**
 * The server's logger: readable lines for people or JSON lines for collectors (`config.logFormat`).
 * Both write synchronously, so a log line never lands after what the CLI prints next.
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'logFormat'>,
  destination?: DestinationStream,
): FastifyBaseLogger {
  const options = { level: config.logLevel, serializers };
  const out = destination ?? pino.destination({ fd: 1, sync: true });
  if (config.logFormat === 'json') return pino(options, out);
  const pretty = pinoPretty({
    destination: out,
    sync: true,
    // Colours only on the terminal itself; a stream given by a caller gets plain text.
    ...(destination ? { colorize: false } : {}),
    ignore: 'pid,hostname,reqId',
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
  });
  return pino(options, pretty);
}

/**
 * Fastify's request lines at `debug` instead of `info`: a helpdesk in use makes thousands of requests an
 * hour, which would bury the start-up summary and every warning. Failed requests keep their level.
 */
export class QuietRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) super.requestCompleted(error, request, reply);
    else if (!this.isLogDisabled(request)) {
      reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }

  override routeNotFound(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) {
      request.log.debug({ req: request }, 'route not found');
    }
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import type { LoggerService } from '@nestjs/common';
import type { onRequestHookHandler, preHandlerHookHandler } from 'fastify';
import { type Level, type Logger, pino } from 'pino';
import { pinoHttp } from 'pino-http';
import pretty from 'pino-pretty';
import { loggableError } from './filters/loggable-error';

/**
 * JSON logs through pino: one line per request (pino-http on the Node.js request and response, with a request id
 * the client may supply and the `X-Request-Id` answer), and the app's own `Logger` lines carrying the request they
 * happened in: Fastify hooks, `onRequest` for the request line and `preHandler` (after the body is read, right
 * before the route runs) for the async context.
 *
 * In development the same lines are written as text for a person at a terminal (`pretty`): one line per request
 * (method, path, status, time, no headers), the app's lines with their context, warnings and errors with their
 * details in full, and without Nest's per-route start-up lines. Production and tests keep JSON.
 *
 * Hand-written in place of nestjs-pino, whose current major declared Node 22.12 and later when this was written.
 */
export interface HttpLogging {
  onRequest: onRequestHookHandler;
  /** Absent when there is no request logger to carry (above info). */
  preHandler?: preHandlerHookHandler;
  logger: LoggerService;
}

export const HTTP_LOGGING = Symbol('HTTP_LOGGING');
const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Query parameters that carry a credential in a URL: OAuth callbacks (`state`, `code`), mailbox invitations, tokens. */
const SECRET_PARAMETER = /([?&](?:state|code|invite|token|id_token|access_token|refresh_token)=)[^&#]*/gi;

/** A request's URL as it may be logged: the values of credential-bearing query parameters replaced. */
export function loggableUrl(url: string | undefined): string | undefined {
  return url?.includes('?') ? url.replace(SECRET_PARAMETER, '$1[redacted]') : url;
}

export type LogFormat = 'json' | 'pretty';

/** Nest's start-up chatter, one line per module and route: left out of the pretty format. */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Text lines for a terminal: "12:00:01 INFO: GET /api/quotes 200 12 ms", "WARN: [SentCopies] …" with an error's details below. */
function prettyDestination(stream: Writable | undefined) {
  return pretty({
    destination: stream ?? 1,
    sync: true,
    colorize: !stream && process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
}

export function createHttpLogging(level: string, stream?: Writable, format: LogFormat = 'json'): HttpLogging {
  // Errors are logged as loggableError() makes them: kind, message, SQLSTATE and stack, never SQL parameters.
  const options = { level, serializers: { err: (value: unknown) => (value instanceof Error ? loggableError(value) : value) } };
  const root = format === 'pretty' ? pino(options, prettyDestination(stream)) : stream ? pino(options, stream) : pino(options);
  const skip = format === 'pretty' ? START_UP_CONTEXTS : new Set<string>();
  const requestId = (req: IncomingMessage, res: ServerResponse) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    return id;
  };
  // Above info (LOG_LEVEL=warn) no request line is written, so the per-request child logger and the async context
  // that carries it to the app's lines are not worth their CPU (about a tenth of a request's): answers keep their
  // X-Request-Id, and warnings and errors are written without it.
  if (!root.isLevelEnabled('info')) {
    return {
      onRequest: (request, reply, done) => {
        requestId(request.raw, reply.raw);
        done();
      },
      logger: new PinoNestLogger(() => root, skip),
    };
  }
  const requestLogger = new AsyncLocalStorage<Logger>();
  const http = pinoHttp({
    logger: root,
    genReqId: requestId,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    serializers: { req: (req: { url?: string }) => Object.assign(req, { url: loggableUrl(req.url) }) },
    ...(format === 'pretty'
      ? {
          customSuccessMessage: (req: IncomingMessage, res: ServerResponse, ms: number) =>
            `${req.method} ${loggableUrl(req.url)} ${res.statusCode} ${Math.round(ms)} ms`,
          customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${loggableUrl(req.url)} ${res.statusCode} failed`,
        }
      : {}),
  });
  return {
    onRequest: (request, reply, done) => http(request.raw, reply.raw, () => done()),
    preHandler: (request, _reply, done) => requestLogger.run(request.raw.log, done),
    logger: new PinoNestLogger(() => requestLogger.getStore() ?? root, skip),
  };
}

/** Nest's LoggerService over pino: `logger.warn({ err }, 'message')` and `logger.log('message')` both work. */
class PinoNestLogger implements LoggerService {
  constructor(
    private readonly current: () => Logger,
    /** Contexts whose lines are not written. */
    private readonly skipped: ReadonlySet<string>,
  ) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest appends the logger's context as the last argument; an error's second argument is its stack. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    if (context && this.skipped.has(context)) return;
    const logger = this.current();
    if (message instanceof Error) {
      logger[level]({ context, err: loggableError(message) }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ context, ...message }, typeof params[0] === 'string' ? params[0] : undefined);
    } else {
      const stack = level === 'error' && typeof params[0] === 'string' ? { stack: params[0] } : {};
      logger[level]({ context, ...stack }, String(message));
    }
  }
}

import fastifyCookie from '@fastify/cookie';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from './auth';
import {
  completeDocument,
  createValidationPipe,
  HTTP_LOGGING,
  type HttpLogging,
  InputGuardPipe,
  REQUEST_BODY_LIMIT_BYTES,
  SECURITY_SCHEMES,
  securityHeaders,
  serveWebApp,
} from './common';
import { Env } from './config';

/**
 * Nest on Fastify: about half a millisecond of CPU less per request than on Express (bench/README.md).
 * `trustProxy`: the proxies whose X-Forwarded-For is believed (main.ts: loopback).
 */
export function createHttpAdapter(trustProxy?: string): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: REQUEST_BODY_LIMIT_BYTES, routerOptions: { ignoreTrailingSlash: true }, ...(trustProxy ? { trustProxy } : {}) });
}

/** What every Sendas app instance gets, in production and in tests alike. */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const logging = app.get<HttpLogging>(HTTP_LOGGING);
  app.useLogger(logging.logger);
  const fastify = app.getHttpAdapter().getInstance();
  const config = app.get(Env);
  const headers = securityHeaders(config.NODE_ENV === 'production');
  fastify.addHook('onRequest', (request, reply, done) => {
    // Answers of the API are private (tokens, keys, mailboxes, customers): no browser or proxy keeps them.
    if (request.url.startsWith('/api/')) reply.raw.setHeader('Cache-Control', 'no-store');
    headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  fastify.addHook('onRequest', logging.onRequest);
  if (logging.preHandler) fastify.addHook('preHandler', logging.preHandler);
  await app.register(fastifyCookie);
  // A body of another type than JSON is not read, as on Express: validation then names the fields it lacks.
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new InputGuardPipe(), createValidationPipe());

  const document = completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setOpenAPIVersion('3.1.0')
        .setTitle('Sendas API')
        .setDescription(
          'Send quotes, contracts and invoices from your own mailbox. Machine clients use an API key (create one under ' +
            'Settings > API keys, or POST /api/users/me/api-keys) as `Authorization: Bearer sk_...`; people sign in with ' +
            'POST /api/auth/login and use the access token (it expires after 15 minutes). Errors are `{statusCode, code, message, details?}`.',
        )
        .setVersion('0.1.0')
        .addTag('auth', 'Sign in, browser sessions')
        .addTag('users', 'Users, roles, profiles')
        .addTag('mailboxes', "Each user's mailbox: app password or Connect with Google / Microsoft")
        .addTag('api-keys', 'Keys for machine clients')
        .addTag('documents', 'Companies, contacts, quotes, contracts, invoices')
        .addTag('email', 'Drafts, sending, history, the audit log of sends, templates, the dev mailbox')
        .addTag('outbox', 'Send later: scheduled sends, cancel, reschedule')
        .addTag('health', 'Liveness for load balancers')
        .addBearerAuth(
          { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken of POST /api/auth/login' },
          SECURITY_SCHEMES.session,
        )
        .addCookieAuth(
          SESSION_COOKIE,
          { type: 'apiKey', in: 'cookie', description: 'The browser session (httpOnly); only POST /api/auth/refresh reads it' },
          SESSION_COOKIE,
        )
        .addBearerAuth(
          { type: 'http', scheme: 'bearer', bearerFormat: 'sk_...', description: "An API key: exactly its owner's permissions" },
          SECURITY_SCHEMES.apiKey,
        )
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await serveWebApp(app, config.WEB_DIST_DIR);
  return app;
}

import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import cookieParser from 'cookie-parser';
import { SESSION_COOKIE } from './auth/auth.controller';
import { SECURITY_SCHEMES } from './common/decorators/auth.decorator';
import { HTTP_LOGGING, type HttpLogging } from './common/logging';
import { completeDocument } from './common/openapi';
import { securityHeaders } from './common/security-headers';
import type { Env } from './config/env.validation';
import { InputGuardPipe } from './common/input-guard.pipe';
import { REQUEST_BODY_LIMIT } from './common/request-limits';
import { createValidationPipe } from './common/validation';

/** What every Sendas app instance gets, in production and in tests alike. */
export function configureApp(app: INestApplication): INestApplication {
  const logging = app.get<HttpLogging>(HTTP_LOGGING);
  app.useLogger(logging.logger);
  app.use(logging.middleware);
  app.use(securityHeaders(app.get(ConfigService<Env, true>).get('NODE_ENV', { infer: true }) === 'production'));
  app.use(cookieParser());
  app.setGlobalPrefix('api');
  (app as NestExpressApplication).useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
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
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken of POST /api/auth/login' }, SECURITY_SCHEMES.session)
        .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', description: 'The browser session (httpOnly); only POST /api/auth/refresh reads it' }, SESSION_COOKIE)
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'sk_...', description: 'An API key: exactly its owner\'s permissions' }, SECURITY_SCHEMES.apiKey)
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

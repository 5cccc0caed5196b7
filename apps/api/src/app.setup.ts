import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import cookieParser from 'cookie-parser';
import { HTTP_LOGGING, type HttpLogging } from './common/logging';
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

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sendas API')
      .setDescription(
        'Send quotes, contracts and invoices from your own mailbox. Sign in with POST /api/auth/login, ' +
          'then use the token with "Authorize" (it expires: sign in again, or renew a browser session with POST /api/auth/refresh). Errors are `{statusCode, code, message, details?}`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

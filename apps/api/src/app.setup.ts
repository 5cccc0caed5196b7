import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './common/validation';

/** What every Sendas app instance gets, in production and in tests alike. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  // Above the 100 kB an email body may have, so an oversized body is named by validation, not cut off.
  (app as NestExpressApplication).useBodyParser('json', { limit: '512kb' });
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sendas API')
      .setDescription(
        'Send quotes, contracts and invoices from your own mailbox. Sign in with POST /api/auth/login, ' +
          'then use the token with "Authorize". Errors are `{statusCode, code, message, details?}`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

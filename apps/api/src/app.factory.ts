import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiExceptionFilter, middlewareErrorHandler } from './common/api-exception.filter';
import { BODY_LIMIT, bodyGuard } from './common/body-guard';
import { createValidationPipe } from './common/validation.pipe';

/** The configured application, shared by main.ts and the end-to-end tests. */
export async function createApp(): Promise<NestExpressApplication> {
  // Our own JSON parser (below) instead of Nest's, so its errors get API.md's body.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The inbox's forms validate with ajv, which compiles schemas to functions.
          scriptSrc: ["'self'", "'unsafe-eval'"],
          // Served over plain HTTP on the office network as well; upgrading would break it.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // Before any route: parse JSON (size-limited), refuse hostile bodies, answer both in the error body.
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyGuard);
  app.use(middlewareErrorHandler);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Credit reference center BPM')
      .setDescription('Procedures as durable Temporal workflows: processes, the task inbox, history and replay (API.md, version 1).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

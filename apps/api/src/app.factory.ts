import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiExceptionFilter, middlewareErrorHandler } from './common/api-exception.filter';
import { BODY_LIMIT, bodyGuard } from './common/body-guard';
import { createValidationPipe } from './common/validation.pipe';

const GLOBAL_PREFIX = 'api';

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
  app.setGlobalPrefix(GLOBAL_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/** The OpenAPI document of the app's controllers: what `/api/docs-json` serves. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Credit reference center BPM')
      .setDescription('Procedures as durable Temporal workflows: processes, the task inbox, history and replay (API.md, version 1).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/**
 * The same document without a database or Temporal: the real AppModule in Nest's preview
 * mode, which registers every module and controller but instantiates no provider (so nothing
 * connects). Used by `npm run api:types` and its drift test.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(), { preview: true, logger: false, abortOnError: false });
  try {
    app.setGlobalPrefix(GLOBAL_PREFIX);
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

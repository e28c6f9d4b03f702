import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'fs';
import { LoggerModule } from 'nestjs-pino';
import * as path from 'path';
import { dataSourceOptions } from '../../../libs/persistence/data-source';
import { PROJECT_ROOT } from '../../../libs/project-root';
import { AuthModule } from './auth/auth.module';
import { ApiEnv, validateEnv } from './config';
import { DatabaseGuard, HealthController } from './health/health.controller';
import { NoticesController } from './notices/notices.controller';
import { ProcessesController } from './processes/processes.controller';
import { ProcessesService } from './processes/processes.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { TemporalModule } from './temporal/temporal.module';

/** The built inbox (apps/web/dist), served at `/` when it has been built. */
const WEB_DIST = process.env.WEB_DIST_DIR ?? path.join(PROJECT_ROOT, 'apps/web/dist');

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnv, ignoreEnvFile: true }),
    LoggerModule.forRoot({
      pinoHttp: {
        level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
        redact: ['req.headers.authorization', 'req.body.password'],
        autoLogging: { ignore: (req) => req.url === '/api/health' },
      },
    }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiEnv, true>) => dataSourceOptions(config.get('DATABASE_URL', { infer: true })),
    }),
    TerminusModule,
    TemporalModule,
    AuthModule,
    ...(existsSync(WEB_DIST) ? [ServeStaticModule.forRoot({ rootPath: WEB_DIST, exclude: ['/api/{*path}'] })] : []),
  ],
  controllers: [HealthController, ProcessesController, TasksController, NoticesController],
  providers: [ProcessesService, TasksService, DatabaseGuard],
})
export class AppModule {}

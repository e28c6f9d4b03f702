import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'fs';
import { LoggerModule } from 'nestjs-pino';
import * as path from 'path';
import { settings } from '../../../libs/config/settings';
import { dataSourceOptions } from '../../../libs/persistence/data-source';
import { PROJECT_ROOT } from '../../../libs/project-root';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { NoticesController } from './notices/notices.controller';
import { ProcessesController } from './processes/processes.controller';
import { ProcessesService } from './processes/processes.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { TemporalModule } from './temporal/temporal.module';

/** The API's modules; built at start (not at import), so the settings are read and validated then. */
@Module({
  controllers: [HealthController, ProcessesController, TasksController, NoticesController],
  providers: [ProcessesService, TasksService],
})
export class AppModule {
  static forRoot(): DynamicModule {
    const s = settings();
    // The built inbox (apps/web/dist), served at `/` when it has been built.
    const webDist = s.WEB_DIST_DIR ?? path.join(PROJECT_ROOT, 'apps/web/dist');
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: s.LOG_LEVEL ?? (s.NODE_ENV === 'test' ? 'warn' : 'info'),
            redact: ['req.headers.authorization', 'req.body.password'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions() }),
        TerminusModule,
        TemporalModule,
        AuthModule,
        ...(existsSync(webDist) ? [ServeStaticModule.forRoot({ rootPath: webDist, exclude: ['/api/{*path}'] })] : []),
      ],
    };
  }
}

import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { settings } from '../config/settings';
import { PROCEDURE_ENTITIES, PROCEDURE_MIGRATIONS } from '../procedures/registry';
import { CORE_ENTITIES } from './entities';
import { CORE_MIGRATIONS } from './migrations';

/** The platform's tables and every procedure module's. */
export const ENTITIES = [...CORE_ENTITIES, ...PROCEDURE_ENTITIES];
export const MIGRATIONS = [...CORE_MIGRATIONS, ...PROCEDURE_MIGRATIONS];

/** One definition of the connection, used by the API, the worker, the scripts and the tests. */
export function dataSourceOptions(url = settings().DATABASE_URL): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    extra: { max: settings().DATABASE_POOL_SIZE },
  };
}

export function createDataSource(url?: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

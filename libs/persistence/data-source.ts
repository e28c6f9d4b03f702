import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { settings } from '../config/settings';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

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

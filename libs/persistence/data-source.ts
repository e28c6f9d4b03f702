import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const DEFAULT_DATABASE_URL = 'postgres://bpm:bpm@127.0.0.1:5432/credit_bpm';

/** One definition of the connection, used by the API, the worker, the scripts and the tests. */
export function dataSourceOptions(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
  };
}

export function createDataSource(url?: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

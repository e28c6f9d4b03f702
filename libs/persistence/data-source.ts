import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { PROCEDURE_ENTITIES, PROCEDURE_MIGRATIONS } from '../procedures/registry';
import { CORE_ENTITIES } from './entities';
import { CORE_MIGRATIONS } from './migrations';

/** The platform's tables and every procedure module's. */
export const ENTITIES = [...CORE_ENTITIES, ...PROCEDURE_ENTITIES];
export const MIGRATIONS = [...CORE_MIGRATIONS, ...PROCEDURE_MIGRATIONS];

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
    // A connection attempt to a database that does not answer fails within the RPC deadline
    // (503, not a hanging request); keep-alive notices a silently dropped connection.
    extra: {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? process.env.TEMPORAL_RPC_TIMEOUT_MS ?? 5000),
      keepAlive: true,
    },
  };
}

export function createDataSource(url?: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

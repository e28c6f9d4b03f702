/**
 * Keeping a process up through database faults: every pg pool and client 'error' is handled
 * (an unhandled 'error' event of a pg client, e.g. 57P01 after `pg_terminate_backend`, ends the
 * Node process), and one test of whether an error means "the database cannot be reached".
 */
import type { DataSource } from 'typeorm';

type Emitter = { on(event: string, listener: (...args: unknown[]) => void): unknown; listenerCount?(event: string): number };
type Log = (message: string) => void;

const GUARDED = Symbol.for('credit-bpm.pg-guarded');

/**
 * Attaches a permanent 'error' listener to the pool and to every client it creates, so that a
 * connection the server drops (idle in the pool, or checked out between two queries) is logged and
 * discarded by pg-pool instead of crashing the process. The next query takes a fresh connection.
 */
export function guardDatabaseErrors(dataSource: DataSource, log: Log = (m) => console.warn(m)): void {
  const driver = dataSource.driver as unknown as { master?: Emitter & { [GUARDED]?: boolean }; slaves?: Emitter[] };
  for (const pool of [driver.master, ...(driver.slaves ?? [])]) {
    if (!pool || (pool as { [GUARDED]?: boolean })[GUARDED]) continue;
    (pool as { [GUARDED]?: boolean })[GUARDED] = true;
    pool.on('error', (error) => log(`database: pool connection lost (${describe(error)}); it is discarded and the next query reconnects`));
    pool.on('connect', (client) => {
      (client as Emitter).on('error', (error) => log(`database: connection error (${describe(error)})`));
    });
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return [e?.code, e?.message].filter(Boolean).join(' ') || String(error);
}

/**
 * SQLSTATE classes that mean the server or the connection is not there or cannot serve now:
 * 08 connection exception, 53 insufficient resources, 57 operator intervention (57P01 admin
 * shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 57014 query cancelled), 58 system
 * error; and 40 transaction rollback (serialization failure, deadlock): a retry may succeed.
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|57|58|40)|^55P03$/;

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** TypeORM errors that mean the connection a request was using is gone. */
const UNAVAILABLE_TYPEORM = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'ConnectionNotFoundError',
  'ConnectionIsNotSetError',
  'CannotExecuteNotConnectedError',
  'CannotConnectAlreadyConnectedError',
  'TransactionNotStartedError',
]);

const UNAVAILABLE_MESSAGE =
  /Connection terminated|terminating connection|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|the database system is (starting up|shutting down|in recovery)|too many clients|Query read timeout|Driver not Connected|server closed the connection|ECONNREFUSED|ECONNRESET/i;

/** True when a database error says the database cannot be reached (not that the query is wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: unknown; message?: string; driverError?: unknown; cause?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.name === 'string' && UNAVAILABLE_TYPEORM.has(e.name)) return true;
  if (typeof e.code === 'string' && (UNAVAILABLE_NODE_CODES.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && UNAVAILABLE_SQLSTATE.test(e.code)))) return true;
  if (UNAVAILABLE_MESSAGE.test(e.message ?? '')) return true;
  if (e.driverError && e.driverError !== error) return isDatabaseUnavailable(e.driverError);
  if (e.cause && e.cause !== error) return isDatabaseUnavailable(e.cause);
  return false;
}

/** Opens a data source, retrying with back-off while the database cannot be reached. */
export async function initializeWithRetry(dataSource: DataSource, log: Log = (m) => console.warn(m), maxDelayMs = 15_000): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.initialize();
      guardDatabaseErrors(dataSource, log);
      return dataSource;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const delay = Math.min(maxDelayMs, 500 * 2 ** Math.min(attempt, 5));
      log(`database unreachable (${describe(error)}); retrying in ${delay} ms (attempt ${attempt})`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

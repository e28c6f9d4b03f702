/** Helpers for fault drills: a port nothing listens on, and the worker as a process of its own. */
import { ChildProcess, spawn } from 'child_process';
import { AddressInfo, createServer } from 'net';
import * as path from 'path';
import type { DataSource } from 'typeorm';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** The application_name its database connections carry (pg_stat_activity). */
  appName: string;
}

/** The built worker (`npm run build`: dist/apps/worker/src/main.js) on a task queue, as `npm start` runs it. */
export function spawnWorker(taskQueue: string, env: Record<string, string> = {}): WorkerProcess {
  const appName = `bpm-worker-${process.pid}-${Date.now() % 100000}`;
  let output = '';
  const child = spawn(process.execPath, [path.join(__dirname, '../../dist/apps/worker/src/main.js')], {
    env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, PGAPPNAME: appName, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, appName, output: () => output };
}

/** Ends every database connection of an application (as an operator's pg_terminate_backend would). */
export async function terminateConnections(dataSource: DataSource, appName: string): Promise<number> {
  const rows: Array<{ n: string }> = await dataSource.query(
    `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
    [appName],
  );
  return Number(rows[0]?.n ?? 0);
}

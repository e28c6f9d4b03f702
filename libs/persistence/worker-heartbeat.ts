/**
 * Worker liveness in the `worker_heartbeats` table (migration 1795810000000): the worker upserts
 * its row every WORKER_HEARTBEAT_MS (default 5000); health reads it. A worker counts as alive when
 * its state is `running` and its last beat is younger than three intervals (database clock).
 */
import { hostname } from 'os';
import type { DataSource } from 'typeorm';

export type WorkerState = 'starting' | 'running' | 'reconnecting' | 'stopped';

export function heartbeatIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  return Math.max(100, Number(env.WORKER_HEARTBEAT_MS ?? 5000));
}

/** How old a beat may be before the worker counts as gone. */
export function heartbeatWindowMs(env: NodeJS.ProcessEnv = process.env): number {
  return 3 * heartbeatIntervalMs(env);
}

export async function writeHeartbeat(
  dataSource: DataSource,
  beat: { workerId: string; taskQueue: string; state: WorkerState; restarts: number; lastError: string | null },
): Promise<void> {
  await dataSource.query(
    `INSERT INTO worker_heartbeats (worker_id, task_queue, host, pid, state, restarts, last_error, started_at, beat_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now())
     ON CONFLICT (worker_id) DO UPDATE SET state = EXCLUDED.state, restarts = EXCLUDED.restarts, last_error = EXCLUDED.last_error, beat_at = now()`,
    [beat.workerId, beat.taskQueue, hostname(), process.pid, beat.state, beat.restarts, beat.lastError],
  );
}

export interface WorkerLiveness {
  up: boolean;
  /** Workers of this task queue that beat within the window. */
  alive: number;
  lastBeatAt?: string;
  lastState?: WorkerState;
}

export async function readWorkerLiveness(dataSource: DataSource, taskQueue: string, windowMs = heartbeatWindowMs()): Promise<WorkerLiveness> {
  const rows: Array<{ state: WorkerState; beat_at: Date; fresh: boolean }> = await dataSource.query(
    `SELECT state, beat_at, (beat_at > now() - ($2::double precision * interval '1 millisecond')) AS fresh
       FROM worker_heartbeats WHERE task_queue = $1 ORDER BY beat_at DESC LIMIT 20`,
    [taskQueue, windowMs],
  );
  const alive = rows.filter((r) => r.fresh && r.state === 'running').length;
  return { up: alive > 0, alive, lastBeatAt: rows[0]?.beat_at ? new Date(rows[0].beat_at).toISOString() : undefined, lastState: rows[0]?.state };
}

import { Controller, Get, HttpStatus, Injectable, OnModuleInit, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { guardDatabaseErrors } from '../../../../libs/persistence/db-resilience';
import { heartbeatWindowMs, readWorkerLiveness, WorkerLiveness } from '../../../../libs/persistence/worker-heartbeat';
import { Public } from '../common/current-user';
import { TemporalService } from '../temporal/temporal.service';

type State = 'up' | 'down' | 'unknown';

/** Each check gets this long; the whole answer comes within it (the checks run side by side). */
const checkTimeoutMs = () => Number(process.env.HEALTH_CHECK_TIMEOUT_MS ?? 1500);

class TimedOut extends Error {}

function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`no answer within ${ms} ms`)), ms);
  });
  const attempt = Promise.resolve().then(work);
  attempt.catch(() => undefined); // a late failure after the timeout is not unhandled
  return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Keeps the API up through dropped database connections: every pool and client 'error' is handled. */
@Injectable()
export class DatabaseGuard implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    guardDatabaseErrors(this.dataSource, (message) => console.warn(`[api] ${new Date().toISOString()} ${message}`));
  }
}

/**
 * API.md's health body, extended: the database, the Temporal server and the worker (its heartbeat
 * in `worker_heartbeats`, younger than three WORKER_HEARTBEAT_MS). 200 when all are up, else 503
 * with which one is down. Every check is raced against HEALTH_CHECK_TIMEOUT_MS (1500), so the
 * answer comes within 2 s even when a dependency hangs.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalService,
  ) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) res: Response) {
    const ms = checkTimeoutMs();
    const [db, temporal, worker] = await Promise.allSettled([
      within(ms, () => this.dataSource.query('SELECT 1')),
      within(ms, async () => {
        if (!(await this.temporal.isUp(ms))) throw new Error('the Temporal frontend does not answer');
      }),
      within(ms, () => readWorkerLiveness(this.dataSource, this.temporal.settings.taskQueue)),
    ]);
    const database: State = db.status === 'fulfilled' ? 'up' : 'down';
    const temporalState: State = temporal.status === 'fulfilled' ? 'up' : 'down';
    const liveness = worker.status === 'fulfilled' ? worker.value : undefined;
    const workerState: State = liveness ? (liveness.up ? 'up' : 'down') : database === 'down' ? 'unknown' : 'down';
    const details = {
      database: db.status === 'rejected' ? { error: reason(db.reason) } : {},
      temporal: { address: this.temporal.settings.address, ...(temporal.status === 'rejected' && { error: reason(temporal.reason) }) },
      worker: { taskQueue: this.temporal.settings.taskQueue, heartbeatWindowMs: heartbeatWindowMs(), ...describeWorker(liveness, worker) },
    };
    const states = { database, temporal: temporalState, worker: workerState };
    const down = Object.entries(states)
      .filter(([, state]) => state !== 'up')
      .map(([name]) => name);
    if (down.length === 0) {
      res.status(HttpStatus.OK);
      return { status: 'ok', ...states, details };
    }
    res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { statusCode: 503, code: 'UNAVAILABLE', message: `down: ${down.join(', ')}`, status: 'error', ...states, down, details };
  }
}

function describeWorker(liveness: WorkerLiveness | undefined, result: PromiseSettledResult<WorkerLiveness>) {
  if (result.status === 'rejected') return { error: reason(result.reason) };
  if (!liveness) return {};
  return {
    alive: liveness.alive,
    ...(liveness.lastBeatAt && { lastHeartbeatAt: liveness.lastBeatAt }),
    ...(liveness.lastState && { lastState: liveness.lastState }),
    ...(!liveness.up && { error: liveness.lastBeatAt ? `no running worker has beaten within ${heartbeatWindowMs()} ms` : 'no worker has ever reported on this task queue' }),
  };
}

import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'crypto';
import { hostname } from 'os';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { WorkingDayCalendar } from '../../../libs/calendar/working-day-calendar';
import { guardDatabaseErrors } from '../../../libs/persistence/db-resilience';
import { heartbeatIntervalMs, WorkerState, writeHeartbeat } from '../../../libs/persistence/worker-heartbeat';
import { workflowEntryPath } from '../../../libs/procedures/registry';
import { prebuiltBundlePath, TemporalSettings } from '../../../libs/temporal/temporal-settings';

export interface RunningWorker {
  /** The Temporal worker polling now (absent while it is being recreated). */
  readonly worker: Worker | undefined;
  /** Resolves when the worker has been stopped (stop() or a shutdown signal) and has drained. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  log?: (message: string) => void;
  /** Back-off between recreations: doubles from minDelayMs up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Stops the worker like stop() (the process's own SIGINT/SIGTERM handling, also between recreations). */
  abortSignal?: AbortSignal;
}

/**
 * Creates the worker (prebuilt bundle when present, else bundling the sources) and keeps it
 * running: if the Temporal worker fails (`worker.run()` rejects, e.g. after the server was gone
 * too long) or cannot be created (server unreachable), it is recreated with back-off and logged,
 * until stop() or a shutdown signal (SIGINT/SIGTERM: `run()` resolves after draining).
 * A heartbeat row (libs/persistence/worker-heartbeat.ts) tells `/api/health` the worker is alive.
 * Resolves once the first Temporal worker is polling.
 */
export async function startWorker(settings: TemporalSettings, dataSource: DataSource, options: WorkerOptions = {}): Promise<RunningWorker> {
  const log = options.log ?? ((message: string) => console.log(`[worker] ${new Date().toISOString()} ${message}`));
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  guardDatabaseErrors(dataSource, log);

  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const bundlePath = prebuiltBundlePath();
  const activities = createActivities({ dataSource, calendar: new WorkingDayCalendar() });
  let current: Worker | undefined;
  let stopping = false;
  let restarts = 0;
  let lastError: string | null = null;
  let wake: (() => void) | undefined;
  let firstRunning: (() => void) | undefined;
  let firstFailed: ((error: unknown) => void) | undefined;
  const started = new Promise<void>((resolve, reject) => {
    firstRunning = resolve;
    firstFailed = reject;
  });

  const state = (): WorkerState => (stopping ? 'stopped' : current?.getState() === 'RUNNING' ? 'running' : restarts === 0 && !lastError ? 'starting' : 'reconnecting');
  let beatFailing = false;
  const beat = async () => {
    try {
      await writeHeartbeat(dataSource, { workerId, taskQueue: settings.taskQueue, state: state(), restarts, lastError });
      if (beatFailing) log('heartbeat: database reachable again');
      beatFailing = false;
    } catch (error) {
      if (!beatFailing) log(`heartbeat: cannot write (${(error as Error)?.message ?? error}); retrying every interval`);
      beatFailing = true;
    }
  };
  const heartbeat = setInterval(() => void beat(), heartbeatIntervalMs());
  heartbeat.unref();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const supervise = async (): Promise<void> => {
    let delay = minDelay;
    while (!stopping) {
      let connection: NativeConnection | undefined;
      let runningSince = 0;
      try {
        connection = await NativeConnection.connect({ address: settings.address });
        const worker = await Worker.create({
          connection,
          namespace: settings.namespace,
          taskQueue: settings.taskQueue,
          ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: workflowEntryPath() }),
          activities,
        });
        if (stopping) break;
        current = worker;
        runningSince = Date.now();
        const run = worker.run();
        if (restarts > 0) log(`Temporal worker recreated and polling ${settings.taskQueue} on ${settings.address} (restart ${restarts})`);
        lastError = null;
        firstRunning?.();
        void beat();
        await run;
        // run() resolves only after a shutdown was asked for (stop() or a signal): we are done.
        stopping = true;
        break;
      } catch (error) {
        if (stopping) break;
        lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        if (runningSince && Date.now() - runningSince > 60_000) delay = minDelay;
        restarts += 1;
        log(`Temporal worker ${runningSince ? 'failed' : 'could not be created'} (${lastError}); recreating in ${delay} ms (restart ${restarts})`);
        void beat();
      } finally {
        current = undefined;
        await connection?.close().catch(() => undefined);
      }
      await sleep(delay);
      delay = Math.min(maxDelay, delay * 2);
    }
  };

  const done = supervise().finally(async () => {
    clearInterval(heartbeat);
    stopping = true;
    await beat();
  });
  // A first worker that cannot even start for a reason other than the server (a bad bundle) still
  // retries; the caller waits for the first one polling, or for done if it is stopped before that.
  void done.then(() => firstFailed?.(new Error('the worker was stopped before it started polling')), firstFailed);
  const stop = async () => {
    stopping = true;
    wake?.();
    if (current && current.getState() === 'RUNNING') current.shutdown();
    await done;
  };
  if (options.abortSignal) {
    if (options.abortSignal.aborted) void stop();
    else options.abortSignal.addEventListener('abort', () => void stop(), { once: true });
  }
  await started;

  return {
    get worker() {
      return current;
    },
    done,
    stop,
  };
}

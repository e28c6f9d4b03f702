/** The worker process: runs every workflow and activity on the credit-bpm task queue. */
import 'reflect-metadata';
import { createDataSource } from '../../../libs/persistence/data-source';
import { initializeWithRetry } from '../../../libs/persistence/db-resilience';
import { temporalSettings } from '../../../libs/temporal/temporal-settings';
import { startWorker } from './worker';

const log = (message: string) => console.log(`[worker] ${new Date().toISOString()} ${message}`);

async function main(): Promise<void> {
  const settings = temporalSettings();
  // Ctrl-C / SIGTERM stop the worker at any time, also while it waits for Postgres or Temporal;
  // a second signal (or a drain longer than 30 s) exits at once.
  const abort = new AbortController();
  const onSignal = (signal: string) => {
    if (abort.signal.aborted) process.exit(130);
    log(`${signal}: stopping`);
    abort.abort();
    setTimeout(() => process.exit(130), 30_000).unref();
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const dataSource = await initializeWithRetry(createDataSource(), log);
  if (abort.signal.aborted) return;
  const running = await startWorker(settings, dataSource, { log, abortSignal: abort.signal }).catch((error) => {
    if (abort.signal.aborted) return undefined;
    throw error;
  });
  if (!running) return void (await dataSource.destroy());
  log(`worker polling ${settings.taskQueue} on ${settings.address} (${settings.namespace})`);
  await running.done;
  await dataSource.destroy();
  log('worker stopped');
}

// A stray rejection (e.g. a dropped database connection seen outside a request) is logged, not fatal:
// the worker keeps polling and its activities retry.
process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));

main().then(
  () => process.exit(0),
  (error) => {
    console.error('worker failed:', error);
    process.exit(1);
  },
);

/** The worker process: runs every workflow and activity on the credit-bpm task queue. */
import 'reflect-metadata';
import { auditKey } from '../../../libs/persistence/audit-key';
import { settings } from '../../../libs/config/settings';
import { createDataSource } from '../../../libs/persistence/data-source';
import { temporalSettings } from '../../../libs/temporal/temporal-settings';
import { startWorker } from './worker';

async function main(): Promise<void> {
  auditKey(); // the audit chain's key: refuse to start without it (production) rather than fail on the first decision
  settings(); // validates every setting before anything starts
  const temporal = temporalSettings();
  const dataSource = await createDataSource().initialize();
  const running = await startWorker(temporal, dataSource);
  console.log(`worker polling ${temporal.taskQueue} on ${temporal.address} (${temporal.namespace})`);
  // The SDK's own signal handling shuts the worker down gracefully on SIGINT/SIGTERM.
  await running.done;
  await dataSource.destroy();
}

main().catch((error) => {
  console.error('worker failed:', error);
  process.exit(1);
});

import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { WorkingDayCalendar } from '../../../libs/calendar/working-day-calendar';
import { workflowEntryPath } from '../../../libs/procedures/registry';
import { prebuiltBundlePath, TemporalSettings } from '../../../libs/temporal/temporal-settings';

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker has drained and stopped; rejects with its fatal error. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Creates the worker (prebuilt bundle when present, else bundling the sources) and runs it. */
export async function startWorker(settings: TemporalSettings, dataSource: DataSource): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: settings.address });
  const bundlePath = prebuiltBundlePath();
  const worker = await Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: workflowEntryPath() }),
    activities: createActivities({ dataSource, calendar: new WorkingDayCalendar() }),
  });
  const done = worker.run().finally(() => connection.close());
  return {
    worker,
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}

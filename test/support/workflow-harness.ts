/**
 * Runs the real workflows and activities (against the test database) on a time-skipping
 * server started at a chosen instant, and drives cases by signalling decisions directly.
 */
import { WorkflowHandle } from '@temporalio/client';
import { openTestDatabase } from './database';
import { bundleWorkflowCode, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { WorkingDayCalendar } from '../../libs/calendar/working-day-calendar';
import { decisionSignal, ProcessStart } from '../../libs/contracts/workflow-contract';
import { ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { workflowEntryPath } from '../../libs/procedures/registry';
import { startTimeSkippingServer, TimeSkippingServer } from './time-skipping-server';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundled once per test file, from the sources under test. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: workflowEntryPath(), logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never });
  return bundle;
}

export interface Harness {
  server: TimeSkippingServer;
  worker: Worker;
  running: Promise<void>;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startHarness(dataSource: DataSource, initialTime: string): Promise<Harness> {
  const server = await startTimeSkippingServer(initialTime);
  const taskQueue = `wf-test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: server.env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ dataSource, calendar: new WorkingDayCalendar() }),
  });
  const running = worker.run();
  return {
    server,
    worker,
    running,
    taskQueue,
    async close() {
      worker.shutdown();
      await running;
      await server.stop();
    },
  };
}

/** Starts a case as the API does: the projection row first, then the workflow. */
export async function startCase<I>(h: Harness, dataSource: DataSource, workflow: string, start: Omit<ProcessStart<I>, 'processId'>): Promise<WorkflowHandle> {
  const processId = `${start.processType}-${randomUUID()}`;
  await dataSource.getRepository(ProcessEntity).insert({
    processId,
    processType: start.processType,
    policy: start.policy ?? null,
    startedBy: start.startedBy,
    startedAt: new Date(await h.server.env.currentTimeMs()),
    title: 'workflow test',
    input: start.input as Record<string, never>,
  });
  return h.server.env.client.workflow.start(workflow, { workflowId: processId, taskQueue: h.taskQueue, args: [{ ...start, processId }] });
}

/** Waits (in real time) until a condition on the database holds. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function openTask(dataSource: DataSource, processId: string, step: string): Promise<TaskEntity> {
  return eventually(
    () => dataSource.getRepository(TaskEntity).findOne({ where: { processId, step, status: 'open' }, order: { round: 'DESC' } }),
    `open task ${step} of ${processId}`,
  );
}

/** Signals a decision as the API would after its checks, and waits for the workflow to take it. */
export async function decide(h: Harness, dataSource: DataSource, handle: WorkflowHandle, step: string, username: string, decision: string, data: Record<string, unknown> = {}, comment?: string): Promise<TaskEntity> {
  const task = await openTask(dataSource, handle.workflowId, step);
  await handle.signal(decisionSignal, { taskId: task.taskId, username, decision, data, comment, decidedAt: new Date(await h.server.env.currentTimeMs()).toISOString() });
  return eventually(async () => {
    const row = await dataSource.getRepository(TaskEntity).findOneBy({ taskId: task.taskId });
    return row?.acceptedAt ? row : undefined;
  }, `decision ${decision} on ${task.taskId}`);
}

export const DAY_MS = 24 * 3600 * 1000;

/**
 * One test file's database and time-skipping harness, opened and closed by jest's hooks: the
 * database for the whole file, a harness per test (with `keepHarness`, until the next start).
 */
export function useWorkflowTests(options: { keepHarness?: boolean } = {}) {
  let dataSource: DataSource | undefined;
  let harness: Harness | undefined;
  beforeAll(async () => {
    dataSource = await openTestDatabase();
  });
  if (!options.keepHarness) {
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });
  }
  afterAll(async () => {
    await harness?.close();
    await dataSource?.destroy();
  });
  return {
    get dataSource(): DataSource {
      if (!dataSource) throw new Error('the test database opens in beforeAll');
      return dataSource;
    },
    get h(): Harness {
      if (!harness) throw new Error('no harness yet: call start() in the test');
      return harness;
    },
    /** A time-skipping server at that instant (closing the one before) with a worker on it. */
    async start(initialTime: string): Promise<Harness> {
      await harness?.close();
      harness = await startHarness(this.dataSource, initialTime);
      return harness;
    },
  };
}

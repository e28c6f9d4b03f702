/**
 * Processes that stay up, and a health answer that tells the truth:
 * the worker (as its own process, as `npm start` runs it) survives the database dropping its
 * connections and finishes cases afterwards; /api/health reports a killed worker within its
 * heartbeat window, and answers within 2 s when Temporal cannot be reached.
 */
import { spawn } from 'child_process';
import { Client, Connection } from '@temporalio/client';
import { homedir } from 'os';
import * as path from 'path';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { processTypeOf } from '../../libs/procedures/registry';
import { ApiHarness, startApiHarness, until } from '../support/api-harness';
import { createTestSubject } from '../support/database';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';
import { freePort, spawnWorker, terminateConnections, WorkerProcess } from '../support/outage';

const HEARTBEAT_MS = 500;
process.env.WORKER_HEARTBEAT_MS = String(HEARTBEAT_MS);

let h: ApiHarness;
let worker: WorkerProcess;
let processId: string;

beforeAll(async () => {
  h = await startApiHarness();
  // The in-process worker gives way to a worker process of its own on the same task queue.
  await h.stopWorker();
  worker = spawnWorker(process.env.TEMPORAL_TASK_QUEUE!, { WORKER_HEARTBEAT_MS: String(HEARTBEAT_MS) });
  await until(async () => (await h.http().get('/api/health')).body.worker === 'up', 'the worker process to report alive', 60_000);
});

afterAll(async () => {
  if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await h?.app.close().catch(() => undefined);
  await h?.dataSource.destroy().catch(() => undefined);
});

it('the worker survives pg_terminate_backend of its connections and finishes a case afterwards', async () => {
  const clerk = await h.as('service_clerk_1');
  const subject = await createTestSubject(h.dataSource);
  processId = (await clerk.post('/processes', { type: 'objection', policy: 'center', input: objectionInput(subject) }).expect(201)).body.processId;
  const accept = await until(() => h.dataSource.getRepository(TaskEntity).findOneBy({ processId, step: 'accept' }), 'accept task');
  expect(await terminateConnections(h.dataSource, worker.appName)).toBeGreaterThan(0);

  // Decide, and keep dropping the worker's connections while its activities run.
  await clerk.post(`/tasks/${accept.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED }).expect(200);
  const drops = Date.now() + 3000;
  while (Date.now() < drops) {
    await terminateConnections(h.dataSource, worker.appName);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(worker.child.exitCode).toBeNull();

  // Afterwards it carries on: the decision is taken and the next step opens, and a new case runs to its end.
  await until(() => h.dataSource.getRepository(TaskEntity).findOneBy({ processId, step: 'confirm' }), 'the confirm task after the drops', 60_000);
  const quick = await clerk.post('/processes', { type: 'objection', policy: 'center', input: objectionInput(await createTestSubject(h.dataSource), { itemName: '统一社会信用代码' }) }).expect(201);
  await until(async () => (await h.dataSource.getRepository(ProcessEntity).findOneBy({ processId: quick.body.processId }))?.status === 'completed', 'the second case to finish', 60_000);
  expect(worker.child.exitCode).toBeNull();
  expect(worker.output()).toMatch(/database: (pool )?connection/);
  expect((await h.http().get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', database: 'up', temporal: 'up', worker: 'up' });
});

it('health reports a killed worker within its heartbeat window', async () => {
  worker.child.kill('SIGKILL');
  const killedAt = Date.now();
  const res = await until(
    async () => {
      const r = await h.http().get('/api/health');
      return r.status === 503 && r;
    },
    'health to report the worker down',
    10_000,
  );
  expect(Date.now() - killedAt).toBeLessThan(3 * HEARTBEAT_MS + 1500);
  expect(res.body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE', database: 'up', temporal: 'up', worker: 'down', down: ['worker'] });
});

/** The CLI that `npm test` built (temporal-config/scripts/ensure-temporal-cli.sh). */
function temporalCli(): string {
  return process.env.TEMPORAL_CLI ?? path.join(process.env.BPM_CACHE_DIR ?? path.join(homedir(), '.cache/credit-bpm'), 'bin/temporal');
}

function devServer(port: number) {
  return spawn(temporalCli(), ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error', ...['ProcessType=Keyword', 'BusinessStatus=Keyword', 'PendingRoles=KeywordList'].flatMap((sa) => ['--search-attribute', sa])], { stdio: 'ignore' });
}

it('the worker process survives a Temporal restart: it recreates its worker with back-off and runs workflows afterwards', async () => {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const queue = `restart-${Date.now()}`;
  // Temporal is not there yet when the worker starts: it keeps trying.
  const own = spawnWorker(queue, { TEMPORAL_ADDRESS: address, WORKER_HEARTBEAT_MS: String(HEARTBEAT_MS) });
  let server = devServer(port);
  try {
    await until(async () => /worker polling/.test(own.output()), 'the worker to poll the new server', 60_000);
    server.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    server = devServer(port);
    const connection = await until(() => Connection.connect({ address }).catch(() => undefined), 'the restarted server', 60_000);
    try {
      // An identifier-item objection ends at once: the worker must run it on the restarted server.
      const subject = await createTestSubject(h.dataSource);
      const start = { processId: `objection-restart-${Date.now()}`, processType: 'objection', policy: 'center', startedBy: 'service_clerk_1', input: objectionInput(subject, { itemName: '统一社会信用代码' }) };
      const handle = await new Client({ connection }).workflow.start(processTypeOf('objection')!.workflow, { workflowId: start.processId, taskQueue: queue, args: [start] });
      await expect(handle.result()).resolves.toBeDefined();
    } finally {
      await connection.close();
    }
    expect(own.child.exitCode).toBeNull();
  } finally {
    own.child.kill('SIGKILL');
    server.kill('SIGKILL');
  }
});

it('health answers within 2 s with temporal down when Temporal is unreachable, and reads that need Temporal answer 503 within the RPC deadline', async () => {
  const token = await h.token('supervisor_1');
  await h.app.close();
  const port = await freePort();
  const realAddress = process.env.TEMPORAL_ADDRESS;
  process.env.TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
  const cutOff = await createApp();
  process.env.TEMPORAL_ADDRESS = realAddress;
  await cutOff.init();
  try {
    for (let i = 0; i < 2; i++) {
      const t0 = Date.now();
      const health = await request(cutOff.getHttpServer()).get('/api/health');
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ code: 'UNAVAILABLE', database: 'up', temporal: 'down' });
      expect(health.body.down).toContain('temporal');
    }
    const deadline = Number(process.env.TEMPORAL_RPC_TIMEOUT_MS ?? 5000) + 1500;
    for (const [method, path] of [
      ['get', `/api/processes/${processId}/history`],
      ['get', `/api/processes/${processId}/history?format=temporal`],
      ['post', `/api/processes/${processId}/replay`],
    ] as const) {
      const t0 = Date.now();
      const res = await request(cutOff.getHttpServer())[method](path).set('Authorization', `Bearer ${token}`);
      expect(Date.now() - t0).toBeLessThan(deadline);
      expect({ path, status: res.status, body: res.body }).toMatchObject({ status: 503, body: { statusCode: 503, code: 'UNAVAILABLE' } });
    }
    // The case itself still reads from the projection.
    const t0 = Date.now();
    await request(cutOff.getHttpServer()).get(`/api/processes/${processId}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(Date.now() - t0).toBeLessThan(deadline);
  } finally {
    await cutOff.close();
  }
});

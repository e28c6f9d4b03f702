/**
 * A decision that cannot be delivered changes nothing: the API answers 503 and gives the task back.
 * (Its own file: passport's strategy registry is per process, so one Nest app at a time.)
 */
import { spawn } from 'child_process';
import { AddressInfo, createServer } from 'net';
import { homedir } from 'os';
import * as path from 'path';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { TaskEntity } from '../../libs/persistence/entities';
import { startApiHarness, until } from '../support/api-harness';
import { createTestSubject } from '../support/database';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The CLI that `npm test` built (temporal-config/scripts/ensure-temporal-cli.sh). */
function temporalCli(): string {
  return process.env.TEMPORAL_CLI ?? path.join(process.env.BPM_CACHE_DIR ?? path.join(homedir(), '.cache/credit-bpm'), 'bin/temporal');
}

it('answers 503 UNAVAILABLE for a decision while Temporal is unreachable, changes nothing, recovers with the server, and takes the decision once reachable', async () => {
  // A case with an open task, made over the real stack.
  let h = await startApiHarness();
  const subject = await createTestSubject(h.dataSource);
  const started = await (await h.as('service_clerk_1')).post('/processes', { type: 'objection', policy: 'center', input: objectionInput(subject) }).expect(201);
  const processId: string = started.body.processId;
  const task = await until(() => h.dataSource.getRepository(TaskEntity).findOneBy({ processId, step: 'accept' }), 'accept task');
  const token = await h.token('service_clerk_1');
  const taskQueue = process.env.TEMPORAL_TASK_QUEUE;
  await h.close();

  // An API whose Temporal server is not there (yet): a free port nothing listens on.
  const port = await freePort();
  const realAddress = process.env.TEMPORAL_ADDRESS;
  process.env.TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
  const cutOff = await createApp();
  process.env.TEMPORAL_ADDRESS = realAddress;
  await cutOff.init();
  try {
    const res = await request(cutOff.getHttpServer()).post(`/api/tasks/${task.taskId}/complete`).set('Authorization', `Bearer ${token}`).send({ decision: 'accept', data: INITIAL_REVIEW_PASSED });
    expect(res.body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
    const after = await request(cutOff.getHttpServer()).get(`/api/tasks/${task.taskId}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(after.body).toMatchObject({ status: 'open' });
    expect(after.body.completedBy).toBeUndefined();
    const health = await request(cutOff.getHttpServer()).get('/api/health').expect(503);
    expect(health.body).toMatchObject({ database: 'up', temporal: 'down' });

    // When a server comes up there, the same API process reports it up without a restart.
    const server = spawn(temporalCli(), ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'], { stdio: 'ignore' });
    try {
      // (Temporal only: no worker polls this API's task queue here, so health as a whole stays 503.)
      await until(async () => (await request(cutOff.getHttpServer()).get('/api/health')).body.temporal === 'up', 'health to recover', 60_000);
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    await cutOff.close();
  }

  h = await startApiHarness(taskQueue);
  try {
    const res = await (await h.as('service_clerk_1')).post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED });
    expect(res.status).toBe(200);
    await until(() => h.dataSource.getRepository(TaskEntity).findOneBy({ processId, step: 'confirm' }), 'confirm task');
  } finally {
    await h.close();
  }
});

/**
 * "503, nothing changed" is true: a start whose Temporal call fails leaves no case, and its retry
 * (without an Idempotency-Key) makes one case, not two; a decision that cannot be delivered leaves
 * no `decision` audit row, one that is delivered has exactly one, even when the database fails
 * just after the signal; database errors answer 503, not 500.
 * (Its own file: passport's strategy registry is per process, so one Nest app at a time.)
 */
import { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { derivedStartKeys, processIdSuffix } from '../../apps/api/src/processes/start-key';
import { newProcessId } from '../../libs/contracts/workflow-contract';
import { TaskEntity } from '../../libs/persistence/entities';
import { ApiHarness, startApiHarness, until } from '../support/api-harness';
import { createTestSubject } from '../support/database';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';
import { freePort } from '../support/outage';

process.env.TEMPORAL_RPC_TIMEOUT_MS = '3000';

/** An API whose Temporal server is a port nothing listens on. */
async function cutOffApi(): Promise<INestApplication> {
  const realAddress = process.env.TEMPORAL_ADDRESS;
  process.env.TEMPORAL_ADDRESS = `127.0.0.1:${await freePort()}`;
  try {
    const app = await createApp();
    await app.init();
    return app;
  } finally {
    process.env.TEMPORAL_ADDRESS = realAddress;
  }
}

const countRows = async (h: { dataSource: ApiHarness['dataSource'] }, sql: string, params: unknown[]) => Number((await h.dataSource.query(sql, params))[0].n);

it('a start whose Temporal call fails answers 503 and leaves no running case; its retry without a key makes one case, not two', async () => {
  let h = await startApiHarness();
  const queue = process.env.TEMPORAL_TASK_QUEUE;
  const token = await h.token('service_clerk_1');
  const subject = await createTestSubject(h.dataSource);
  const body = { type: 'objection', policy: 'center', input: objectionInput(subject) };
  await h.app.close();

  const cutOff = await cutOffApi();
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      const t0 = Date.now();
      const res = await request(cutOff.getHttpServer()).post('/api/processes').set('Authorization', `Bearer ${token}`).send(body);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
      expect(Date.now() - t0).toBeLessThan(3000 + 1500);
      expect(await countRows(h, `SELECT count(*) AS n FROM processes WHERE input->>'subjectCode' = $1`, [subject.subjectCode])).toBe(0);
    }
  } finally {
    await cutOff.close();
  }
  // Nor does a workflow run for it on the real server.
  const wouldBe = newProcessId('objection', processIdSuffix('service_clerk_1', derivedStartKeys('service_clerk_1', body.type, body.policy, body.input)[0]));
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  try {
    await expect(new Client({ connection }).workflow.getHandle(wouldBe).describe()).rejects.toMatchObject({ name: 'WorkflowNotFoundError' });
  } finally {
    await connection.close();
  }
  await h.worker.stop();
  await h.dataSource.destroy();

  // Temporal back: the same request starts the case, and retrying it again returns that case.
  h = await startApiHarness(queue);
  try {
    const clerk = await h.as('service_clerk_1');
    const first = await clerk.post('/processes', body).expect(201);
    const again = await clerk.post('/processes', body).expect(201);
    expect(again.body.processId).toBe(first.body.processId);
    expect(await countRows(h, `SELECT count(*) AS n FROM processes WHERE input->>'subjectCode' = $1`, [subject.subjectCode])).toBe(1);
    await until(() => h.dataSource.getRepository(TaskEntity).findOneBy({ processId: first.body.processId, step: 'accept' }), 'accept task');
    // The audit log tells the same story: the withdrawn attempts are refusals, one start stands.
    const started = await countRows(h, `SELECT count(*) AS n FROM audit_log WHERE process_id = $1 AND action = 'process-started'`, [first.body.processId]);
    const withdrawn = await countRows(h, `SELECT count(*) AS n FROM audit_log WHERE process_id = $1 AND action = 'refusal' AND detail->>'code' = 'UNAVAILABLE'`, [first.body.processId]);
    expect(started - withdrawn).toBe(1);

    // The database failing as the start is recorded: 503 and no case (the row and its
    // `process-started` row commit together, before any workflow), and the retry makes one.
    const other = { type: 'objection', policy: 'center', input: objectionInput(await createTestSubject(h.dataSource)) };
    await h.dataSource.query(
      `CREATE OR REPLACE FUNCTION fail_start_audit() RETURNS trigger AS $$ BEGIN IF NEW.action = 'process-started' THEN RAISE EXCEPTION 'simulated database fault' USING ERRCODE = '08006'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await h.dataSource.query(`CREATE TRIGGER fail_start_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_start_audit()`);
    try {
      expect((await clerk.post('/processes', other)).body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
      expect(await countRows(h, `SELECT count(*) AS n FROM processes WHERE input->>'subjectCode' = $1`, [other.input.subjectCode])).toBe(0);
    } finally {
      await h.dataSource.query(`DROP TRIGGER fail_start_audit ON audit_log`);
    }
    const retried = await clerk.post('/processes', other).expect(201);
    expect(await countRows(h, `SELECT count(*) AS n FROM processes WHERE input->>'subjectCode' = $1`, [other.input.subjectCode])).toBe(1);
    await until(() => h.dataSource.getRepository(TaskEntity).findOneBy({ processId: retried.body.processId, step: 'accept' }), 'accept task of the retried start');
  } finally {
    await h.close();
  }
});

it('a complete whose signal fails answers 503 and leaves no decision audit row; one that succeeds, even with the database failing after the signal, has exactly one', async () => {
  let h = await startApiHarness();
  const queue = process.env.TEMPORAL_TASK_QUEUE;
  const token = await h.token('service_clerk_1');
  const clerk = await h.as('service_clerk_1');
  const subject = await createTestSubject(h.dataSource);
  const processId = (await clerk.post('/processes', { type: 'objection', policy: 'center', input: objectionInput(subject) }).expect(201)).body.processId;
  const accept = await until(() => h.dataSource.getRepository(TaskEntity).findOneBy({ processId, step: 'accept' }), 'accept task');
  const decisions = (taskId: string) => countRows(h, `SELECT count(*) AS n FROM audit_log WHERE task_id = $1 AND action = 'decision'`, [taskId]);
  await h.app.close();
  await h.worker.stop();

  const cutOff = await cutOffApi();
  try {
    const res = await request(cutOff.getHttpServer()).post(`/api/tasks/${accept.taskId}/complete`).set('Authorization', `Bearer ${token}`).send({ decision: 'accept', data: INITIAL_REVIEW_PASSED });
    expect(res.body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
    expect(await decisions(accept.taskId)).toBe(0);
    expect(await h.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: accept.taskId })).toMatchObject({ status: 'open', completedBy: null });
  } finally {
    await cutOff.close();
  }
  await h.dataSource.destroy();

  h = await startApiHarness(queue);
  try {
    const clerkAgain = await h.as('service_clerk_1');
    await clerkAgain.post(`/tasks/${accept.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED }).expect(200);
    expect(await decisions(accept.taskId)).toBe(1);
    const confirm = await until(() => h.dataSource.getRepository(TaskEntity).findOneBy({ processId, step: 'confirm' }), 'confirm task');
    await until(async () => (await countRows(h, `SELECT count(*) AS n FROM audit_log WHERE task_id = $1 AND action = 'decision-accepted'`, [accept.taskId])) === 1, 'the workflow to take the decision');
    expect(await decisions(accept.taskId)).toBe(1);

    // The database fails just after the signal is delivered (every audit write refused, as a
    // failing server would): the API does not claim "nothing changed" with a 500, and once the
    // database is back the decision the workflow took has exactly one `decision` row.
    const reviewer = await h.as('service_reviewer_1'); // logins are audited too: log in first
    await h.dataSource.query(`CREATE OR REPLACE FUNCTION fail_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated database fault' USING ERRCODE = '08006'; END $$ LANGUAGE plpgsql`);
    await h.dataSource.query(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()`);
    let res: request.Response;
    try {
      res = await reviewer.post(`/tasks/${confirm.taskId}/complete`, { decision: 'confirm', data: INITIAL_REVIEW_PASSED });
      expect(res.body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE', details: { delivered: true } });
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the workflow's acceptDecision retries meanwhile
    } finally {
      await h.dataSource.query(`DROP TRIGGER fail_audit ON audit_log`);
    }
    await until(async () => (await countRows(h, `SELECT count(*) AS n FROM audit_log WHERE task_id = $1 AND action = 'decision-accepted'`, [confirm.taskId])) === 1, 'the workflow to take the second decision', 60_000);
    expect(await decisions(confirm.taskId)).toBe(1);
    expect(await h.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: confirm.taskId })).toMatchObject({ status: 'completed', completedBy: 'service_reviewer_1', decision: 'confirm' });
  } finally {
    await h.close();
  }
});

it('database errors answer 503 UNAVAILABLE, not 500', async () => {
  const h = await startApiHarness();
  try {
    const clerk = await h.as('service_clerk_1');
    const subject = await createTestSubject(h.dataSource);
    const processId = (await clerk.post('/processes', { type: 'objection', policy: 'center', input: objectionInput(subject) }).expect(201)).body.processId;
    const accept = await until(() => h.dataSource.getRepository(TaskEntity).findOneBy({ processId, step: 'accept' }), 'accept task');
    // A TypeORM QueryFailedError carrying a connection-failure SQLSTATE, as a failing server sends.
    await h.dataSource.query(`CREATE OR REPLACE FUNCTION fail_tasks() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated database fault' USING ERRCODE = TG_ARGV[0]; END $$ LANGUAGE plpgsql`);
    for (const sqlstate of ['08006', '57P03', '53300']) {
      await h.dataSource.query(`CREATE TRIGGER fail_tasks BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION fail_tasks('${sqlstate}')`);
      try {
        const res = await clerk.post(`/tasks/${accept.taskId}/claim`);
        expect({ sqlstate, body: res.body }).toMatchObject({ sqlstate, body: { statusCode: 503, code: 'UNAVAILABLE' } });
      } finally {
        await h.dataSource.query(`DROP TRIGGER fail_tasks ON tasks`);
      }
    }
    // The connection itself dropped by the server, mid-request: a request blocked on a row lock
    // whose backend is terminated.
    const locker = h.dataSource.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    await locker.query(`SELECT 1 FROM tasks WHERE task_id = $1 FOR UPDATE`, [accept.taskId]);
    try {
      const pending = clerk.post(`/tasks/${accept.taskId}/claim`).then((r) => r);
      await until(async () => (await h.dataSource.query(`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).length > 0, 'the claim to wait on the lock', 10_000);
      await h.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
      expect((await pending).body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
    } finally {
      await locker.rollbackTransaction();
      await locker.release();
    }
    // And the API is still up and right afterwards.
    await clerk.post(`/tasks/${accept.taskId}/claim`).expect(200);
  } finally {
    await h.close();
  }
});

/** What demo users do over HTTP, shared by the end-to-end tests: start a case, find a task, decide it. */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { TemporalService } from '../../apps/api/src/temporal/temporal.service';
import { ApiHarness, until } from './api-harness';

export interface InboxTask {
  taskId: string;
  processId: string;
  step: string;
  title: string;
  round: number;
  status: string;
  decisions: string[];
  prefill: Record<string, unknown>;
  formSchema: { required?: string[] };
  candidateUsers: string[];
}

/** `harness` is read at call time, so the driver can be made before `beforeAll` starts the harness. */
export function inboxDriver(harness: () => ApiHarness) {
  const pendingTask = async (username: string, processId: string, step: string, round?: number): Promise<InboxTask> => {
    const client = await harness().as(username);
    return until(async () => {
      const res = await client.get(`/tasks?view=pending&processId=${processId}&pageSize=100`).expect(200);
      return (res.body.items as InboxTask[]).find((t) => t.step === step && (round === undefined || t.round === round));
    }, `${step} in ${username}'s inbox`);
  };

  return {
    pendingTask,

    async start(username: string, type: string, input: object, options: { policy?: string; headers?: Record<string, string> } = {}): Promise<string> {
      const res = await (await harness().as(username)).post('/processes', { type, policy: options.policy, input }, options.headers);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { type, status: 'running' } });
      return res.body.processId;
    },

    /** The open task of a step (in the case or its children) from the user's inbox, decided by that user. */
    async complete(username: string, processId: string, step: string, decision: string, data: object = {}, comment?: string): Promise<InboxTask> {
      const task = await pendingTask(username, processId, step);
      const res = await (await harness().as(username)).post(`/tasks/${task.taskId}/complete`, { decision, data, comment });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { status: 'completed', decision } });
      return task;
    },

    /** Finished in Temporal and in the projection (the workflow completes right after closing its case). */
    async finished(processId: string) {
      await harness().app.get(TemporalService).client.workflow.getHandle(processId).result();
      const client = await harness().as('supervisor_1');
      return until(async () => {
        const res = await client.get(`/processes/${processId}`).expect(200);
        return res.body.status === 'completed' ? res.body : undefined;
      }, `${processId} to finish`);
    },

    /** Finished cases' histories become replay fixtures (UPDATE_FIXTURES=1 npm test). */
    async keepFixture(processId: string, name: string): Promise<void> {
      if (!process.env.UPDATE_FIXTURES) return;
      const res = await (await harness().as('auditor_1')).get(`/processes/${processId}/history?format=temporal`).expect(200);
      writeFileSync(path.resolve(__dirname, `../fixtures/histories/${name}.json`), JSON.stringify({ workflowId: processId, history: res.body }, null, 1));
    },

    async processView(processId: string) {
      return (await (await harness().as('supervisor_1')).get(`/processes/${processId}`).expect(200)).body;
    },
  };
}

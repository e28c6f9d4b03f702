/**
 * The OpenAPI document is the contract the web's types are generated from (npm run api:types):
 * the running API serves the document the generator builds without a database, and every
 * endpoint's real answers — successes and error bodies — have exactly the declared shape.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { buildOpenApiDocument } from '../../apps/api/src/app.factory';
import { ApiHarness, startApiHarness } from '../support/api-harness';
import { inboxDriver } from '../support/inbox-driver';
import { createTestSubject } from '../support/database';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';
import { responseSchema, shapeErrors } from '../support/openapi-shape';

let h: ApiHarness;
let document: OpenAPIObject;
const { pendingTask, complete } = inboxDriver(() => h);


beforeAll(async () => {
  h = await startApiHarness();
  document = await buildOpenApiDocument();
});
afterAll(async () => {
  await h?.close();
});

/** The answer has the status's declared schema, and nothing more or less. */
function conforms(method: string, path: string, res: Response): void {
  const schema = responseSchema(document, method, path, res.status);
  expect({ method, path, status: res.status, declared: !!schema || res.status === 204 }).toEqual({ method, path, status: res.status, declared: true });
  if (schema) expect(shapeErrors(document, schema, res.body, '$')).toEqual([]);
}

it('serves at /api/docs-json the document that npm run api:types builds without a database', async () => {
  const served = await h.http().get('/api/docs-json').expect(200);
  expect(served.body).toEqual(JSON.parse(JSON.stringify(document)));
});

it('answers every endpoint in the shape its DTOs declare, errors in API.md’s error body', async () => {
  const http = () => h.http();
  conforms('get', '/api/health', await http().get('/api/health'));
  conforms('post', '/api/auth/login', await http().post('/api/auth/login').send({ username: 'service_clerk_1', password: 'wrong-password' }));
  conforms('post', '/api/auth/login', await http().post('/api/auth/login').send({ username: 'service_clerk_1' }));
  conforms('get', '/api/me', await http().get('/api/me'));

  const clerk = await h.as('service_clerk_1');
  const supervisor = await h.as('supervisor_1');
  const auditor = await h.as('auditor_1');
  conforms('get', '/api/me', await clerk.get('/me'));
  conforms('get', '/api/process-types', await clerk.get('/process-types'));
  conforms('post', '/api/processes', await clerk.post('/processes', { type: 'no-such-type', input: {} }));
  conforms('post', '/api/processes', await clerk.post('/processes', { type: 'objection', policy: 'center', input: { subjectCode: 'x' } }));

  const subject = await createTestSubject(h.dataSource);
  const started = await clerk.post('/processes', { type: 'objection', policy: 'center', input: objectionInput(subject) });
  conforms('post', '/api/processes', started);
  const processId: string = started.body.processId;
  conforms('get', '/api/processes', await supervisor.get('/processes?pageSize=5'));
  conforms('get', '/api/processes', await supervisor.get('/processes?status=nope'));
  conforms('get', '/api/processes/{processId}', await supervisor.get(`/processes/${processId}`));
  conforms('get', '/api/processes/{processId}', await supervisor.get('/processes/no-such-process'));
  conforms('get', '/api/processes/{processId}/history', await supervisor.get(`/processes/${processId}/history`));
  conforms('get', '/api/processes/{processId}/history', await supervisor.get(`/processes/${processId}/history?format=temporal`));

  const task = await pendingTask('service_clerk_1', processId, 'accept');
  conforms('get', '/api/tasks', await clerk.get(`/tasks?view=pending&processId=${processId}`));
  conforms('get', '/api/tasks', await clerk.get('/tasks?view=everything'));
  const one = await clerk.get(`/tasks/${task.taskId}`);
  conforms('get', '/api/tasks/{taskId}', one);
  expect(one.body.reasonRequired).toEqual(expect.arrayContaining(one.body.decisions.filter((d: string) => ['reject', 'return', 'abandon'].includes(d))));
  conforms('get', '/api/tasks/{taskId}', await clerk.get('/tasks/no-such-task'));
  conforms('post', '/api/tasks/{taskId}/claim', await clerk.post(`/tasks/${task.taskId}/claim`));
  conforms('post', '/api/tasks/{taskId}/claim', await (await h.as('service_clerk_2')).post(`/tasks/${task.taskId}/claim`));
  conforms('post', '/api/tasks/{taskId}/release', await clerk.post(`/tasks/${task.taskId}/release`));
  conforms('post', '/api/tasks/{taskId}/complete', await clerk.post(`/tasks/${task.taskId}/complete`, { decision: 'no-such-decision' }));
  conforms('post', '/api/tasks/{taskId}/complete', await (await h.as('it_staff_1')).post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED }));
  await complete('service_clerk_1', processId, 'accept', 'accept', INITIAL_REVIEW_PASSED);
  conforms('post', '/api/tasks/{taskId}/complete', await clerk.post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED }));

  conforms('post', '/api/processes/{processId}/replay', await auditor.post(`/processes/${processId}/replay`));
  conforms('post', '/api/processes/{processId}/replay', await clerk.post(`/processes/${processId}/replay`));

  conforms('get', '/api/notices', await clerk.get('/notices?status=unread'));
  conforms('get', '/api/notices', await clerk.get('/notices?status=maybe'));
  conforms('post', '/api/notices/{id}/read', await clerk.post('/notices/999999999/read'));
  conforms('post', '/api/auth/password', await clerk.post('/auth/password', { currentPassword: 'x', newPassword: 'short' }));
});

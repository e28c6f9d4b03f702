/**
 * The real thing, in one process: the NestJS API on a random port and a worker, against the
 * Temporal dev server (TEMPORAL_ADDRESS) and the test database. Requests go over HTTP.
 */
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { RunningWorker, startWorker } from '../../apps/worker/src/worker';
import { resetSettings } from '../../libs/config/settings';
import { DEMO_PASSWORD } from '../../libs/persistence/demo-data';
import { temporalSettings } from '../../libs/temporal/temporal-settings';
import { openTestDatabase } from './database';

export interface ApiHarness {
  app: INestApplication;
  dataSource: DataSource;
  worker: RunningWorker;
  http(): ReturnType<typeof request>;
  token(username: string): Promise<string>;
  as(username: string): Promise<Client>;
  /** Listens on a free loopback port (for the browser) and returns the base URL. */
  listen(): Promise<string>;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

export type Client = {
  get(path: string): request.Test;
  post(path: string, body?: object, headers?: Record<string, string>): request.Test;
};

/** `taskQueue`: pass the queue of an earlier harness to pick up its running cases. */
export async function startApiHarness(taskQueue = `e2e-${randomUUID()}`): Promise<ApiHarness> {
  if (!process.env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set: run the tests with `npm test`');
  // A task queue of this run's own, so no other worker takes its workflows.
  process.env.TEMPORAL_TASK_QUEUE = taskQueue;
  process.env.NODE_ENV = 'test';
  resetSettings(); // read the environment as this test file set it
  const dataSource = await openTestDatabase();
  const app = await createApp();
  await app.init();

  const server = app.getHttpServer();
  const tokens = new Map<string, string>();
  const harness: ApiHarness = {
    app,
    dataSource,
    worker: await startWorker(temporalSettings(), dataSource),
    http: () => request(server),
    async token(username) {
      if (!tokens.has(username)) {
        const res = await request(server).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
        tokens.set(username, res.body.accessToken);
      }
      return tokens.get(username)!;
    },
    async as(username) {
      const auth = `Bearer ${await harness.token(username)}`;
      return {
        get: (path) => request(server).get(`/api${path}`).set('Authorization', auth),
        post: (path, body, headers = {}) => request(server).post(`/api${path}`).set('Authorization', auth).set(headers).send(body ?? {}),
      };
    },
    async listen() {
      await app.listen(0, '127.0.0.1');
      return (await app.getUrl()).replace('[::1]', '127.0.0.1');
    },
    async stopWorker() {
      await harness.worker.stop();
    },
    async startWorker() {
      harness.worker = await startWorker(temporalSettings(), dataSource);
    },
    async close() {
      await harness.worker.stop();
      await app.close();
      await dataSource.destroy();
    },
  };
  return harness;
}

/** Polls (real time) until a probe yields a value. */
export async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

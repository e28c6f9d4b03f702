/**
 * Temporal's Java time-skipping test server, started by the test itself at a chosen instant
 * (so working days and holidays are real dates), and attached to, instead of letting the SDK
 * spawn one with its 5-second start-up race.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ChildProcess, spawn } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';

export interface TimeSkippingServer {
  env: TestWorkflowEnvironment;
  stop(): Promise<void>;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\`, which prepares the test server`);
  return value;
}

export async function startTimeSkippingServer(initialTime: string): Promise<TimeSkippingServer> {
  const classpath = readFileSync(requiredEnv('TEMPORAL_TEST_SERVER_CLASSPATH'), 'utf8').trim();
  const source = process.env.TEMPORAL_TEST_SERVER_SOURCE ?? path.resolve(__dirname, '../../temporal-config/test-server/TimeSkippingTestServer.java');
  const child: ChildProcess = spawn('java', ['-Xmx384m', '-cp', classpath, source, '0', initialTime, '--exit-on-stdin-close'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('time-skipping test server did not start within 60 s')), 60_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`time-skipping test server exited with ${code}`)));
  });
  // `create` is the SDK's own constructor path for an existing server; only its typing is private.
  const create = (TestWorkflowEnvironment as unknown as { create(opts: object): Promise<TestWorkflowEnvironment> }).create.bind(TestWorkflowEnvironment);
  const env = await create({ server: { type: 'existing' }, address: `127.0.0.1:${port}`, namespace: 'default', supportsTimeSkipping: true, connectionOptions: {} });
  return {
    env,
    async stop() {
      await env.teardown();
      child.kill('SIGTERM');
    },
  };
}

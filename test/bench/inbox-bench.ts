/**
 * `npm run bench` against a running stack (`npm start`): starts objection cases and measures
 * what staff feel — starting a case, loading the inbox, completing a task, and the time until
 * the next task is in the next person's inbox. Prints figures; asserts nothing.
 * Env: API_URL (default http://localhost:3000/api), CASES (50), CONCURRENCY (8).
 */
import { DEMO_PASSWORD, SAMPLE_SUBJECTS } from '../../libs/persistence/demo-data';

const API = process.env.API_URL ?? 'http://localhost:3000/api';
const CASES = Number(process.env.CASES ?? 50);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);

// The bench reads a few known fields of several response shapes; typing each would add nothing here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(token: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: res.status === 204 ? undefined : await res.json() };
}

async function login(username: string): Promise<string> {
  const { status, json } = await call(undefined, 'POST', '/auth/login', { username, password: DEMO_PASSWORD });
  if (status !== 200) throw new Error(`login ${username}: ${status} ${JSON.stringify(json)}`);
  return json.accessToken;
}

async function timed<T>(samples: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  samples.push(performance.now() - t0);
  return result;
}

async function inPool<T>(items: T[], worker: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await worker(item);
  }));
}

function stats(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  return `${name.padEnd(34)} n=${String(sorted.length).padStart(4)}  p50=${at(0.5).padStart(8)} ms  p95=${at(0.95).padStart(8)} ms  max=${sorted[sorted.length - 1].toFixed(1).padStart(8)} ms`;
}

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  const [clerk, reviewer] = [await login('service_clerk_1'), await login('service_reviewer_1')];
  const startMs: number[] = [];
  const firstTaskMs: number[] = [];
  const inboxMs: number[] = [];
  const completeMs: number[] = [];
  const handoverMs: number[] = [];
  const wall = performance.now();

  const processIds: string[] = [];
  await inPool([...Array(CASES).keys()], async (i) => {
    const subject = SAMPLE_SUBJECTS[i % SAMPLE_SUBJECTS.length];
    const input = { ...subject, reportId: `BENCH-${Date.now()}-${i}`, reportQueriedAt: new Date().toISOString(), itemName: '行政处罚记录', originalValue: 'x', claimedValue: '无', evidence: [{ name: '证明' }], channel: 'outlet' };
    const t0 = performance.now();
    const { status, json } = await timed(startMs, () => call(clerk, 'POST', '/processes', { type: 'objection', policy: 'center', input }));
    if (status !== 201) throw new Error(`start: ${status} ${JSON.stringify(json)}`);
    await waitFor(async () => (await call(clerk, 'GET', `/tasks?view=pending&processId=${json.processId}`)).json.items[0]);
    firstTaskMs.push(performance.now() - t0);
    processIds.push(json.processId);
  });

  for (let i = 0; i < 100; i++) await timed(inboxMs, () => call(clerk, 'GET', '/tasks?view=pending&pageSize=20'));

  const review = { materialsComplete: true, documentsGenuine: true, identityGenuine: true, withinRules: true };
  await inPool(processIds, async (processId) => {
    const task = (await call(clerk, 'GET', `/tasks?view=pending&processId=${processId}`)).json.items[0];
    const t0 = performance.now();
    const { status, json } = await timed(completeMs, () => call(clerk, 'POST', `/tasks/${task.taskId}/complete`, { decision: 'accept', data: review }));
    if (status !== 200) throw new Error(`complete: ${status} ${JSON.stringify(json)}`);
    await waitFor(async () => (await call(reviewer, 'GET', `/tasks?view=pending&processId=${processId}`)).json.items[0]);
    handoverMs.push(performance.now() - t0);
  });

  const pending = (await call(clerk, 'GET', '/tasks?view=pending&pageSize=1')).json.total;
  console.log(`\nbench: ${CASES} objection cases, concurrency ${CONCURRENCY}, against ${API} (clerk's inbox now holds ${pending} tasks)\n`);
  console.log(stats('start a case (POST /processes)', startMs));
  console.log(stats('start → first task in inbox', firstTaskMs));
  console.log(stats('load inbox (GET /tasks, 20 rows)', inboxMs));
  console.log(stats('complete a task (POST complete)', completeMs));
  console.log(stats('complete → next task in next inbox', handoverMs));
  console.log(`\nwall time ${((performance.now() - wall) / 1000).toFixed(1)} s; ${(CASES * 2 / ((performance.now() - wall) / 1000)).toFixed(1)} human steps/s`);
}

main().catch((error) => {
  console.error('bench failed:', error);
  process.exit(1);
});

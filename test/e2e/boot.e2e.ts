/**
 * How the built API starts (dist/, as `npm start` and the Dockerfile run it): it refuses to start
 * without JWT_SECRET in production and binds to loopback unless HOST says otherwise; and how
 * `npm start` gets its signing key (lib.sh ensure_jwt_secret).
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { mkdtempSync, readFileSync, statSync } from 'fs';
import { AddressInfo, createConnection, createServer } from 'net';
import { networkInterfaces, tmpdir } from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const API_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startApi(env: Record<string, string | undefined>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const { JWT_SECRET: _secret, HOST: _host, ...inherited } = process.env;
  const child = spawn(process.execPath, [API_MAIN], { env: { ...inherited, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

async function waitFor(probe: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host, port, timeout: 2000 }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });

it('refuses to start in production without JWT_SECRET', async () => {
  const api = startApi({ NODE_ENV: 'production', PORT: String(await freePort()) });
  expect(await api.exited).toBe(1);
  expect(api.output()).toMatch(/JWT_SECRET is required when NODE_ENV=production/);
});

it('refuses to start with an invalid setting, naming it', async () => {
  const api = startApi({ NODE_ENV: 'test', PORT: 'eighty' });
  expect(await api.exited).toBe(1);
  expect(api.output()).toMatch(/invalid settings: .*PORT/);
});

it('binds to 127.0.0.1 unless HOST says otherwise', async () => {
  const port = await freePort();
  const api = startApi({ NODE_ENV: 'production', JWT_SECRET: 'a-test-secret-of-32-characters!!', PORT: String(port) });
  try {
    await waitFor(() => /API listening/.test(api.output()), 'the API to listen');
    expect(api.output()).toContain(`API listening on http://127.0.0.1:${port}/api`);
    expect(await connects('127.0.0.1', port)).toBe(true);
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) expect(await connects(external.address, port)).toBe(false);
  } finally {
    api.child.kill('SIGTERM');
    await api.exited;
  }
});

describe('npm start: the signing key of a data folder', () => {
  const ensure = (dataDir: string, env: Record<string, string> = {}) =>
    execFileSync('bash', ['-c', 'source temporal-config/scripts/lib.sh && ensure_jwt_secret 2>/dev/null && printf %s "$JWT_SECRET"'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, BPM_DATA_DIR: dataDir, ...env },
    }).toString();

  it('is generated once per data folder, mode 600, and kept', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bpm-secret-'));
    const first = ensure(dataDir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, 'jwt-secret');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ensure(dataDir)).toBe(first);
    expect(ensure(mkdtempSync(path.join(tmpdir(), 'bpm-secret-')))).not.toBe(first);
  });

  it('is JWT_SECRET when that is set', () => {
    expect(ensure(mkdtempSync(path.join(tmpdir(), 'bpm-secret-')), { JWT_SECRET: 'given-from-outside-1234' })).toBe('given-from-outside-1234');
  });
});

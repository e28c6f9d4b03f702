import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { jwtSecret, parseSettings, reportThresholds, resetSettings, settings } from './settings';

describe('settings', () => {
  it('defaults serve the embedded setup', () => {
    const s = parseSettings({});
    expect(s).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 3000,
      DATABASE_URL: 'postgres://bpm:bpm@127.0.0.1:5432/credit_bpm',
      DATABASE_POOL_SIZE: 10,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'credit-bpm',
      TEMPORAL_RPC_TIMEOUT_MS: 5000,
      JWT_TTL: 28800,
      LOGIN_RATE_LIMIT: 10,
      LOGIN_FAILURE_LIMIT: 30,
      LOGIN_FAILURE_WINDOW_S: 900,
      MAINTENANCE_WINDOW: '09:00-17:30',
      SEED_DEMO: true,
    });
    expect(s.JWT_SECRET).toBeUndefined();
  });

  it('reads and converts what is set, ignores other variables, and treats an empty value as unset', () => {
    const s = parseSettings({ PORT: '8080', DATABASE_POOL_SIZE: '3', SEED_DEMO: 'false', HOST: '0.0.0.0', TEMPORAL_NAMESPACE: '', PATH: '/bin' });
    expect(s).toMatchObject({ PORT: 8080, DATABASE_POOL_SIZE: 3, SEED_DEMO: false, HOST: '0.0.0.0', TEMPORAL_NAMESPACE: 'default' });
    expect(s).not.toHaveProperty('PATH');
  });

  it('refuses bad values at once, naming each variable', () => {
    expect(() => parseSettings({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseSettings({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => parseSettings({ MAINTENANCE_WINDOW: 'nine to five' })).toThrow(/MAINTENANCE_WINDOW/);
    expect(() => parseSettings({ INVESTIGATION_COMMITTEE_THRESHOLD: '12.5' })).toThrow(/INVESTIGATION_COMMITTEE_THRESHOLD/);
    expect(() => parseSettings({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => parseSettings({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => parseSettings({ PORT: 'x', JWT_TTL: '5' })).toThrow(/PORT.*JWT_TTL|JWT_TTL.*PORT/);
  });

  it('P8 thresholds: the contract threshold falls back to the committee threshold', () => {
    expect(reportThresholds(parseSettings({}))).toEqual({ committeeReviewFromYuan: 1_000_000, centerHeadContractFromYuan: 1_000_000 });
    expect(reportThresholds(parseSettings({ INVESTIGATION_COMMITTEE_THRESHOLD: '500000' }))).toEqual({ committeeReviewFromYuan: 500_000, centerHeadContractFromYuan: 500_000 });
    expect(reportThresholds(parseSettings({ INVESTIGATION_COMMITTEE_THRESHOLD: '500000', CONTRACT_CENTER_HEAD_THRESHOLD: '200000' })).centerHeadContractFromYuan).toBe(200_000);
  });

  it('is cached until reset, so tests can change process.env first', () => {
    const before = process.env.TEMPORAL_NAMESPACE;
    try {
      process.env.TEMPORAL_NAMESPACE = 'first';
      resetSettings();
      expect(settings().TEMPORAL_NAMESPACE).toBe('first');
      process.env.TEMPORAL_NAMESPACE = 'second';
      expect(settings().TEMPORAL_NAMESPACE).toBe('first');
      resetSettings();
      expect(settings().TEMPORAL_NAMESPACE).toBe('second');
    } finally {
      if (before === undefined) delete process.env.TEMPORAL_NAMESPACE;
      else process.env.TEMPORAL_NAMESPACE = before;
      resetSettings();
    }
  });
});

describe('the JWT signing key', () => {
  it('is JWT_SECRET when set', () => {
    expect(jwtSecret(parseSettings({ JWT_SECRET: 'a'.repeat(32), NODE_ENV: 'production' }))).toBe('a'.repeat(32));
  });

  it('is required in production: there is no default secret', () => {
    expect(() => jwtSecret(parseSettings({ NODE_ENV: 'production' }))).toThrow(/JWT_SECRET is required/);
  });

  it('elsewhere is a random key of this process, the same on every call', () => {
    const key = jwtSecret(parseSettings({ NODE_ENV: 'test' }));
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(jwtSecret(parseSettings({}))).toBe(key);
    expect(key).not.toBe('dev-only-secret-change-me-in-production');
  });
});

describe('one settings object', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      if (name === 'node_modules' || name === 'dist' || name === 'web') return [];
      if (statSync(file).isDirectory()) return sources(file);
      return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [file] : [];
    });

  it('is the only reader of process.env in apps/, libs/, activities/, workflows/ and the build script', () => {
    const readers = ['apps', 'libs', 'activities', 'workflows', 'temporal-config/scripts']
      .flatMap((dir) => sources(path.join(ROOT, dir)))
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(readers).toEqual(['libs/config/settings.ts']);
  });
});

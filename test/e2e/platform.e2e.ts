/**
 * The platform's edges over HTTP against the real API: security headers, what a request body
 * may be, the password policy, revoked sessions and the login limits.
 */
import * as bcrypt from 'bcryptjs';
import request from 'supertest';
import { ProcessEntity, UserEntity } from '../../libs/persistence/entities';
import { setUserActive } from '../../libs/persistence/user-accounts';
import { DEMO_USERS } from '../../libs/persistence/demo-data';
import { ApiHarness, startApiHarness } from '../support/api-harness';
import { createTestSubject } from '../support/database';
import { objectionInput } from '../support/objection-input';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

let userCounter = 0;
/** A user of this test's own, so no demo user's password or state changes. */
async function createUser(password: string): Promise<{ username: string; id: string }> {
  userCounter += 1;
  const username = `platform_${Date.now().toString(36)}_${userCounter}`;
  const users = h.dataSource.getRepository(UserEntity);
  const saved = await users.save(users.create({ username, displayName: '测试用户', passwordHash: await bcrypt.hash(password, 4), mustChangePassword: false, passwordChangedAt: null, roles: [{ role: 'service_clerk', department: null }] }));
  return { username, id: saved.id };
}

async function login(username: string, password: string): Promise<string> {
  const res = await h.http().post('/api/auth/login').send({ username, password }).expect(200);
  return res.body.accessToken;
}

const me = (token: string) => h.http().get('/api/me').set('Authorization', `Bearer ${token}`);

describe('security headers', () => {
  it('sends helmet headers and no X-Powered-By', async () => {
    const res = await h.http().get('/api/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});

describe('request bodies', () => {
  const post = (body: string, type = 'application/json') => h.http().post('/api/auth/login').set('Content-Type', type).send(body);

  it('malformed JSON: 400 VALIDATION_FAILED with the error body', async () => {
    const res = await post('{"username": "a",');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'body', message: expect.stringMatching(/malformed JSON/) }] });
  });

  it('over 1 MB: 413 PAYLOAD_TOO_LARGE with the error body', async () => {
    const res = await post(JSON.stringify({ username: 'x'.repeat(1024 * 1024 + 1), password: 'y' }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/1mb/) });
  });

  it.each([
    ['NUL', '{"username":"a\\u0000b","password":"x"}', 'username', /NUL/],
    ['a lone surrogate', '{"username":"a","password":"\\ud800x"}', 'password', /surrogate/],
    ['__proto__', '{"username":"a","password":"b","__proto__":{"isAdmin":true}}', '__proto__', /__proto__/],
    ['a nested constructor', '{"username":"a","password":"b","x":[{"constructor":{"prototype":1}}]}', 'x.0.constructor', /constructor/],
    ['33 levels of nesting', `{"username":"a","password":"b","x":${'['.repeat(32)}1${']'.repeat(32)}}`, `x${'.0'.repeat(31)}`, /nested deeper than 32/],
  ])('%s: 400 naming the field', async (_what, body, field, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field, message: expect.stringMatching(message) }] });
  });

  it('a refused body reaches no handler: nothing changes', async () => {
    const token = await h.token('service_clerk_1');
    const subject = await createTestSubject(h.dataSource);
    const processes = h.dataSource.getRepository(ProcessEntity);
    const before = await processes.count();
    const body = JSON.stringify({ type: 'objection', policy: 'center', input: objectionInput(subject) }).replace('"evidence":[', '"evidence":[{"name":"x","constructor":{}},');
    const res = await h.http().post('/api/processes').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'input.evidence.0.constructor', message: expect.any(String) }] });
    expect(await processes.count()).toBe(before);
  });
});

describe('password policy on /auth/password', () => {
  it.each([
    ['shorter than 10 characters', 'Sh0rt-pw!', /at least 10/],
    ['containing the username', '{username}-2026', /username/],
    ['a common password', 'password123', /common/],
    ['the current one', 'Initial-pass-2026', /differ/],
  ])('refuses a new password %s: 400 naming newPassword', async (_what, candidate, message) => {
    const user = await createUser('Initial-pass-2026');
    const token = await login(user.username, 'Initial-pass-2026');
    const res = await h.http().post('/api/auth/password').set('Authorization', `Bearer ${token}`).send({ currentPassword: 'Initial-pass-2026', newPassword: candidate.replace('{username}', user.username) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'newPassword', message: expect.stringMatching(message) }] });
    await me(token).expect(200); // a refused change revokes nothing
  });
});

describe('sessions end with a password change or a disable', () => {
  it('a password change: the old token gets 401, a new login works', async () => {
    const user = await createUser('Initial-pass-2026');
    const old = await login(user.username, 'Initial-pass-2026');
    await me(old).expect(200);
    await h.http().post('/api/auth/password').set('Authorization', `Bearer ${old}`).send({ currentPassword: 'Initial-pass-2026', newPassword: 'Brand-new-pass-88' }).expect(204);
    const res = await me(old);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    await me(await login(user.username, 'Brand-new-pass-88')).expect(200);
  });

  it('a disable: the old token gets 401, and stays so after the account is enabled again', async () => {
    const user = await createUser('Initial-pass-2026');
    const old = await login(user.username, 'Initial-pass-2026');
    await setUserActive(h.dataSource.manager, user.id, false);
    await me(old).expect(401);
    await setUserActive(h.dataSource.manager, user.id, true);
    await me(old).expect(401);
    await me(await login(user.username, 'Initial-pass-2026')).expect(200);
  });
});

describe('login limits', () => {
  it('keeps the per-account limit: 10 attempts a minute per address and username', async () => {
    const user = await createUser('Initial-pass-2026');
    for (let i = 0; i < 10; i += 1) await login(user.username, 'Initial-pass-2026');
    const res = await h.http().post('/api/auth/login').send({ username: user.username, password: 'Initial-pass-2026' });
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
  });

  // Last in this file: it leaves the test client's address over the failure cap.
  it('successful logins from one address are never capped; 30 failed ones across accounts are (429)', async () => {
    const server = h.app.getHttpServer();
    // The whole office at 09:00, from one address: every demo user, more logins than the failure cap.
    expect(DEMO_USERS.length).toBeGreaterThan(30);
    for (const user of DEMO_USERS) await request(server).post('/api/auth/login').send({ username: user.username, password: 'demo-pass-2026' }).expect(200);
    // Password spraying: one wrong guess per account, under every per-account limit.
    for (let i = 0; i < 30; i += 1) await request(server).post('/api/auth/login').send({ username: `nobody_${i}`, password: 'guess-guess' }).expect(401);
    const refused = await request(server).post('/api/auth/login').send({ username: 'analyst_1', password: 'demo-pass-2026' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
  });
});

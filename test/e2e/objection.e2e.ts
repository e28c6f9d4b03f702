/**
 * P1 end to end: demo users walk objection cases of every policy over HTTP, against the real
 * Temporal dev server, worker and PostgreSQL; supervisors read the timeline, auditors replay.
 */
import { verifyAudit } from '../../apps/api/src/audit/verify-audit';
import { TemporalService } from '../../apps/api/src/temporal/temporal.service';
import { ApiHarness, startApiHarness } from '../support/api-harness';
import { inboxDriver } from '../support/inbox-driver';
import { createTestSubject, creditItem } from '../support/database';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';

let h: ApiHarness;
const { start, pendingTask, complete, finished, keepFixture } = inboxDriver(() => h);

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});


async function replyAndArchive(processId: string) {
  await complete('service_clerk_1', processId, 'reply', 'replied', { replyNo: 'HF-2026-001', notifiedBy: 'phone' });
  await complete('archivist_1', processId, 'archive', 'filed', { receiptNo: 'DA-2026-001' });
}

describe('platform', () => {
  it('reports health without a token and refuses everything else without one', async () => {
    expect((await h.http().get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', database: 'up', temporal: 'up', worker: 'up' });
    const res = await h.http().get('/api/tasks').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await h.http().post('/api/auth/login').send({ username: 'service_clerk_1', password: 'wrong' }).expect(401);
  });

  it('limits login attempts per account and address: 429 over the limit', async () => {
    const attempts = [];
    for (let i = 0; i < 11; i++) attempts.push((await h.http().post('/api/auth/login').send({ username: 'cashier_1', password: `guess-${i}` })).status);
    expect(attempts.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(attempts[10]).toBe(429);
    const res = await h.http().post('/api/auth/login').send({ username: 'cashier_1', password: 'demo-pass-2026' });
    expect(res.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    // Other accounts are not locked out by it.
    await h.http().post('/api/auth/login').send({ username: 'marketer_1', password: 'demo-pass-2026' }).expect(200);
  });

  it('makes a user with a required password change change it before anything else', async () => {
    const bcrypt = await import('bcryptjs');
    const username = `new_clerk_${Date.now()}`;
    await h.dataSource.query(`INSERT INTO users (username, display_name, password_hash, must_change_password) VALUES ($1, '新员工', $2, true)`, [username, await bcrypt.hash('initial-pass-1', 10)]);
    await h.dataSource.query(`INSERT INTO user_roles (user_id, role) SELECT id, 'service_clerk' FROM users WHERE username = $1`, [username]);
    const login = await h.http().post('/api/auth/login').send({ username, password: 'initial-pass-1' }).expect(200);
    expect(login.body).toMatchObject({ mustChangePassword: true, expiresIn: expect.any(Number) });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const blocked = await h.http().get('/api/tasks').set(auth).expect(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await h.http().get('/api/me').set(auth).expect(200);
    const weak = await h.http().post('/api/auth/password').set(auth).send({ currentPassword: 'initial-pass-1', newPassword: 'short' }).expect(400);
    expect(weak.body.details).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
    await h.http().post('/api/auth/password').set(auth).send({ currentPassword: 'initial-pass-1', newPassword: 'a-much-better-pass' }).expect(204);
    await h.http().get('/api/tasks').set(auth).expect(200);
    const [user] = await h.dataSource.query(`SELECT password_hash FROM users WHERE username = $1`, [username]);
    expect(user.password_hash).toMatch(/^\$2[aby]\$/);
  });

  it('lists the objection type with its policies, start roles and input schema', async () => {
    const res = await (await h.as('service_clerk_1')).get('/process-types').expect(200);
    const objection = res.body.find((t: { type: string }) => t.type === 'objection');
    expect(objection).toMatchObject({ titleZh: '异议处理', policies: ['center', 'company', 'municipal', 'zhejiang'], startRoles: ['service_clerk'] });
    expect(objection.inputSchema.required).toEqual(expect.arrayContaining(['subjectCode', 'itemName', 'evidence', 'channel']));
  });

  it('rejects a bad unified social credit code, naming the field, and starts nothing', async () => {
    const subject = await createTestSubject(h.dataSource);
    const before = await h.dataSource.query('SELECT count(*)::int AS n FROM processes');
    const res = await (await h.as('service_clerk_1')).post('/processes', { type: 'objection', policy: 'center', input: objectionInput({ ...subject, subjectCode: subject.subjectCode.slice(0, 17) + (subject.subjectCode[17] === '0' ? '1' : '0') }) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'input.subjectCode' }] });
    expect(await h.dataSource.query('SELECT count(*)::int AS n FROM processes')).toEqual(before);
  });

  it('refuses a start by a role that may not start the type', async () => {
    const subject = await createTestSubject(h.dataSource);
    const res = await (await h.as('it_staff_1')).post('/processes', { type: 'objection', policy: 'center', input: objectionInput(subject) });
    expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('returns the same process for a retried start with the same Idempotency-Key', async () => {
    const subject = await createTestSubject(h.dataSource);
    const input = objectionInput(subject, { itemName: '统一社会信用代码' });
    const key = `key-${subject.subjectCode}`;
    const first = await start('service_clerk_1', 'objection', input, { policy: 'center', headers: { 'Idempotency-Key': key } });
    const again = await start('service_clerk_1', 'objection', input, { policy: 'center', headers: { 'Idempotency-Key': key } });
    expect(again).toBe(first);
  });
});

describe('objection cases walked by demo users', () => {
  it('center: external difference, provider agrees and changes, import authorised by the IT head → corrected', async () => {
    const subject = await createTestSubject(h.dataSource);
    const processId = await start('service_clerk_1', 'objection', objectionInput(subject), { policy: 'center' });
    await complete('service_clerk_1', processId, 'accept', 'accept', INITIAL_REVIEW_PASSED);
    await complete('service_reviewer_1', processId, 'confirm', 'confirm', INITIAL_REVIEW_PASSED);
    const check = await pendingTask('it_staff_1', processId, 'check');
    expect(check.prefill).toMatchObject({ proposed: 'external' });
    expect((await creditItem(h.dataSource, subject.subjectCode, '行政处罚记录')).objectionProcessId).toBe(processId);
    await complete('it_staff_1', processId, 'check', 'external');
    await complete('data_collector_1', processId, 'provider-letter', 'sent', { providerName: '市生态环境局', itemName: '行政处罚记录', originalValue: '2025-03-12 环境违法罚款2万元', requestedValue: '无', letterNo: 'HD-2026-001' });
    await complete('data_collector_2', processId, 'provider-reply', 'agreed-changed', { repliedOn: '2026-11-20', correctedValue: '无' });
    await complete('it_staff_1', processId, 'import-register', 'registered', { fileName: 'correction.txt', records: 1, correctedValue: '无' });
    await complete('it_head', processId, 'import-authorise', 'approve');
    await replyAndArchive(processId);

    const done = await finished(processId);
    expect(done).toMatchObject({ outcome: 'corrected', slaBreached: false, openTasks: [] });
    const item = await creditItem(h.dataSource, subject.subjectCode, '行政处罚记录');
    expect(item).toMatchObject({ baseValue: '无', creditValue: '无', objectionProcessId: null });

    // The supervisor reads who decided what, when and why.
    const history = await (await h.as('supervisor_1')).get(`/processes/${processId}/history`).expect(200);
    const decided = history.body.events.filter((e: { kind: string }) => e.kind === 'completed').map((e: { step: string; actor: string; decision: string }) => [e.step, e.actor, e.decision]);
    expect(decided).toEqual([
      ['accept', 'service_clerk_1', 'accept'],
      ['confirm', 'service_reviewer_1', 'confirm'],
      ['check', 'it_staff_1', 'external'],
      ['provider-letter', 'data_collector_1', 'sent'],
      ['provider-reply', 'data_collector_2', 'agreed-changed'],
      ['import-register', 'it_staff_1', 'registered'],
      ['import-authorise', 'it_head', 'approve'],
      ['reply', 'service_clerk_1', 'replied'],
      ['archive', 'archivist_1', 'filed'],
    ]);
    expect(history.body.events[0]).toMatchObject({ seq: 1, kind: 'started', actor: 'service_clerk_1' });
    expect(history.body.events.at(-1)).toMatchObject({ kind: 'ended', detail: { outcome: 'corrected' } });

    // The auditor replays it against the deployed code.
    const replay = await (await h.as('auditor_1')).post(`/processes/${processId}/replay`).expect(200);
    expect(replay.body).toMatchObject({ processId, deterministic: true });
    expect(replay.body.eventsReplayed).toBeGreaterThan(50);
    await (await h.as('service_clerk_1')).post(`/processes/${processId}/replay`).expect(403);
    await keepFixture(processId, 'objection-center-corrected');
  });

  it('company: a query-record objection checked against the archive → mark removed; a repeat within 30 days and an identifier item are not accepted', async () => {
    const subject = await createTestSubject(h.dataSource);
    const input = objectionInput(subject, { itemName: '查询记录', claimedValue: '无此查询' });
    const processId = await start('service_clerk_1', 'objection', input, { policy: 'company' });
    await complete('service_clerk_1', processId, 'accept', 'accept', INITIAL_REVIEW_PASSED);
    await complete('service_reviewer_2', processId, 'confirm', 'confirm', INITIAL_REVIEW_PASSED);
    expect((await pendingTask('it_staff_2', processId, 'check')).decisions).toContain('query-record');
    await complete('it_staff_2', processId, 'check', 'query-record');
    await complete('archivist_1', processId, 'archive-check', 'authorised', { note: '查询申请单与授权书齐全' });
    await complete('it_head', processId, 'finding-approval', 'approve');
    await complete('it_staff_2', processId, 'record-result', 'recorded');
    await replyAndArchive(processId);
    expect(await finished(processId)).toMatchObject({ outcome: 'mark-removed' });
    await keepFixture(processId, 'objection-company-mark-removed');

    const repeat = await start('service_clerk_2', 'objection', { ...input, itemName: '行政处罚记录' }, { policy: 'company' });
    expect(await finished(repeat)).toMatchObject({ outcome: 'not-accepted', data: { rejection: { rule: 'repeat-within-30-days' } } });
    const identifier = await start('service_clerk_2', 'objection', objectionInput(subject, { itemName: '统一社会信用代码' }), { policy: 'company' });
    expect(await finished(identifier)).toMatchObject({ outcome: 'not-accepted', data: { rejection: { rule: 'identifier-item' } } });
  });

  it('municipal: an internal difference is reloaded from the base database → corrected', async () => {
    const subject = await createTestSubject(h.dataSource);
    const processId = await start('service_clerk_1', 'objection', objectionInput(subject, { itemName: '欠税记录', originalValue: '2024年第三季度欠缴增值税1.2万元', claimedValue: '无' }), { policy: 'municipal' });
    await complete('service_clerk_1', processId, 'accept', 'accept', INITIAL_REVIEW_PASSED);
    await complete('service_reviewer_1', processId, 'confirm', 'confirm', INITIAL_REVIEW_PASSED);
    expect((await pendingTask('it_staff_1', processId, 'check')).prefill).toMatchObject({ proposed: 'internal', baseValue: '无' });
    await complete('it_staff_1', processId, 'check', 'internal');
    await complete('it_staff_2', processId, 'reload', 'reloaded');
    await replyAndArchive(processId);
    expect(await finished(processId)).toMatchObject({ outcome: 'corrected' });
    expect((await creditItem(h.dataSource, subject.subjectCode, '欠税记录')).creditValue).toBe('无');
    await keepFixture(processId, 'objection-municipal-corrected');
  });

  it('zhejiang: requires a reason; a text error is handled by the service organisation → corrected', async () => {
    const subject = await createTestSubject(h.dataSource);
    const missing = await (await h.as('service_clerk_1')).post('/processes', { type: 'objection', policy: 'zhejiang', input: objectionInput(subject) });
    expect(missing.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'input.reason' }] });

    const processId = await start('service_clerk_1', 'objection', objectionInput(subject, { itemName: '法定代表人', originalValue: '张明', claimedValue: '张敏', reason: 'text' }), { policy: 'zhejiang' });
    await complete('service_clerk_1', processId, 'accept', 'accept', INITIAL_REVIEW_PASSED);
    await complete('service_reviewer_1', processId, 'confirm', 'confirm', INITIAL_REVIEW_PASSED);
    await complete('it_staff_1', processId, 'self-handle', 'corrected', { note: '录入时文字错误' });
    await replyAndArchive(processId);
    const done = await finished(processId);
    expect(done).toMatchObject({ outcome: 'corrected', data: { route: 'service-organisation' } });
    expect(done.dueAt).toBeDefined();
    expect((await creditItem(h.dataSource, subject.subjectCode, '法定代表人')).creditValue).toBe('张敏');
    await keepFixture(processId, 'objection-zhejiang-corrected');
  });

  it('center: the reviewer does not confirm → confirmation-failed, the applicant is told why', async () => {
    const subject = await createTestSubject(h.dataSource);
    const processId = await start('service_clerk_1', 'objection', objectionInput(subject), { policy: 'center' });
    await complete('service_clerk_1', processId, 'accept', 'accept', INITIAL_REVIEW_PASSED);
    await complete('service_reviewer_1', processId, 'confirm', 'reject', { ...INITIAL_REVIEW_PASSED, documentsGenuine: false }, '证明材料复印件与原件不符');
    await replyAndArchive(processId);
    expect(await finished(processId)).toMatchObject({ outcome: 'confirmation-failed' });
    await keepFixture(processId, 'objection-center-confirmation-failed');
  });
});

describe('the API gate', () => {
  async function acceptTask() {
    const subject = await createTestSubject(h.dataSource);
    const processId = await start('service_clerk_1', 'objection', objectionInput(subject), { policy: 'center' });
    return { processId, task: await pendingTask('service_clerk_1', processId, 'accept') };
  }

  it('refuses a wrong role, a bad form, an accept with a failed check and a missing reason, naming the field, and changes nothing', async () => {
    const { task } = await acceptTask();
    const wrongRole = await (await h.as('it_staff_1')).post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED });
    expect(wrongRole.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    const badForm = await (await h.as('service_clerk_1')).post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: { materialsComplete: 'yes' } });
    expect(badForm.status).toBe(400);
    expect(badForm.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['data.materialsComplete', 'data.documentsGenuine']));
    const failedCheck = await (await h.as('service_clerk_1')).post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: { ...INITIAL_REVIEW_PASSED, identityGenuine: false } });
    expect(failedCheck.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'data.identityGenuine' }] });
    const noReason = await (await h.as('service_clerk_1')).post(`/tasks/${task.taskId}/complete`, { decision: 'reject', data: INITIAL_REVIEW_PASSED });
    expect(noReason.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'comment' }] });
    const unknownField = await (await h.as('service_clerk_1')).post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED, extra: 1 });
    expect(unknownField.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'extra' }] });
    const after = await (await h.as('service_clerk_1')).get(`/tasks/${task.taskId}`).expect(200);
    expect(after.body).toMatchObject({ status: 'open' });
    const refusals = await h.dataSource.query(`SELECT detail->>'code' AS code FROM audit_log WHERE task_id = $1 AND action = 'refusal' ORDER BY id`, [task.taskId]);
    expect(refusals.map((r: { code: string }) => r.code)).toEqual(['FORBIDDEN', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED']);
  });

  it('enforces four-eyes: whoever accepted may not confirm, even holding both roles', async () => {
    await h.dataSource.query(`INSERT INTO user_roles (user_id, role) SELECT id, 'service_reviewer' FROM users WHERE username = 'service_clerk_2' ON CONFLICT DO NOTHING`);
    const subject = await createTestSubject(h.dataSource);
    const processId = await start('service_clerk_2', 'objection', objectionInput(subject), { policy: 'center' });
    await complete('service_clerk_2', processId, 'accept', 'accept', INITIAL_REVIEW_PASSED);
    const confirm = await pendingTask('service_reviewer_1', processId, 'confirm');
    const pendingForAccepter = await (await h.as('service_clerk_2')).get(`/tasks?view=pending&processId=${processId}`).expect(200);
    expect(pendingForAccepter.body.items).toEqual([]);
    const res = await (await h.as('service_clerk_2')).post(`/tasks/${confirm.taskId}/complete`, { decision: 'confirm', data: INITIAL_REVIEW_PASSED });
    expect(res.body).toMatchObject({ statusCode: 403, code: 'FOUR_EYES' });
    await complete('service_reviewer_1', processId, 'confirm', 'confirm', INITIAL_REVIEW_PASSED);
  });

  it('of two simultaneous completions exactly one wins; the other gets 409', async () => {
    const { task } = await acceptTask();
    const [a, b] = await Promise.all(
      ['service_clerk_1', 'service_clerk_2'].map(async (u) => (await h.as(u)).post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED })),
    );
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body).toMatchObject({ code: 'CONFLICT' });
  });

  it('claims and releases; a task claimed by someone else cannot be completed', async () => {
    const { task } = await acceptTask();
    await (await h.as('service_clerk_1')).post(`/tasks/${task.taskId}/claim`).expect(200);
    await (await h.as('service_clerk_2')).post(`/tasks/${task.taskId}/claim`).expect(409);
    const stolen = await (await h.as('service_clerk_2')).post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED });
    expect(stolen.status).toBe(409);
    await (await h.as('service_clerk_2')).post(`/tasks/${task.taskId}/release`).expect(409);
    const released = await (await h.as('service_clerk_1')).post(`/tasks/${task.taskId}/release`).expect(200);
    expect(released.body).toMatchObject({ status: 'open' });
  });

  it('takes a decision accepted while the worker is stopped once the worker is back', async () => {
    const { processId, task } = await acceptTask();
    await h.stopWorker();
    try {
      const res = await (await h.as('service_clerk_1')).post(`/tasks/${task.taskId}/complete`, { decision: 'accept', data: INITIAL_REVIEW_PASSED });
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await h.dataSource.query(`SELECT step FROM tasks WHERE process_id = $1 AND step = 'confirm'`, [processId])).toEqual([]);
    } finally {
      await h.startWorker();
    }
    await pendingTask('service_reviewer_1', processId, 'confirm');
  });

  it('lists pending tasks due-first with the overdue flag, and handled tasks of the caller', async () => {
    const handled = await (await h.as('service_clerk_1')).get('/tasks?view=handled&pageSize=200').expect(200);
    expect(handled.body.total).toBeGreaterThan(0);
    expect(handled.body.items.every((t: { completedBy: string }) => t.completedBy === 'service_clerk_1')).toBe(true);
    const pending = await (await h.as('service_reviewer_1')).get('/tasks?view=pending&pageSize=200').expect(200);
    const dues = pending.body.items.map((t: { dueAt: string }) => t.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(pending.body.items.every((t: { overdue: boolean }) => typeof t.overdue === 'boolean')).toBe(true);
  });
});

describe('notices and the audit log', () => {
  it('tells candidate users about new work, and reads a notice', async () => {
    const notices = await (await h.as('service_reviewer_1')).get('/notices?status=unread').expect(200);
    const first = notices.body.items.find((n: { kind: string }) => n.kind === 'new-task');
    expect(first).toBeDefined();
    await (await h.as('service_reviewer_1')).post(`/notices/${first.id}/read`).expect(204);
    const read = await (await h.as('service_reviewer_1')).get('/notices?status=read').expect(200);
    expect(read.body.items.map((n: { id: number }) => n.id)).toContain(first.id);
  });

  it('keeps an unbroken hash chain over logins, decisions, refusals and queries', async () => {
    const { verifyAuditChain } = await import('../../libs/persistence/audit-log');
    const actions = (await h.dataSource.query(`SELECT DISTINCT action FROM audit_log`)).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'login-failed', 'decision', 'decision-accepted', 'refusal', 'query', 'replay', 'claim', 'release']));
    expect(await verifyAuditChain(h.dataSource.manager)).toEqual({ rows: expect.any(Number) });
    // Editing a row breaks the chain at that row.
    const [row] = await h.dataSource.query(`SELECT id, actor FROM audit_log WHERE action = 'decision' ORDER BY id LIMIT 1`);
    await h.dataSource.query(`UPDATE audit_log SET actor = 'someone_else' WHERE id = $1`, [row.id]);
    try {
      expect((await verifyAuditChain(h.dataSource.manager)).brokenAt).toBe(String(row.id));
    } finally {
      await h.dataSource.query(`UPDATE audit_log SET actor = $2 WHERE id = $1`, [row.id, row.actor]);
    }
    expect((await verifyAuditChain(h.dataSource.manager)).brokenAt).toBeUndefined();

    // Every decision the workflows accepted is in the log exactly as their histories record it.
    const report = await verifyAudit(h.dataSource, h.app.get(TemporalService).client);
    expect(report).toMatchObject({ chainBrokenAt: undefined, mismatches: [] });
    expect(report.decisionsChecked).toBeGreaterThan(30);
  });
});

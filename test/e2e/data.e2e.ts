/**
 * P5 data collection and P6 import and load end to end: demo users drive every channel and a
 * direct import over HTTP against the real Temporal dev server, worker and PostgreSQL. The person
 * who executed a step is refused with 403 FOUR_EYES on every supervising or authorising step after
 * it (even holding the role), and the record counts are kept in the case data.
 */
import { ApiHarness, startApiHarness } from '../support/api-harness';
import { inboxDriver, InboxTask } from '../support/inbox-driver';
import { createTestSubject, creditItem } from '../support/database';
import { AUTHORISE, badCodeRecord, BURN, correctedRecord, goodRecords, HAND_OVER, IMPORT_REGISTER, IMPORT_RUN, LOAD, LOAD_ERROR, MANUAL, notice, OPEN_REPORT, OPEN_REVIEW, openEntry, RECEIVE, registerForm, renamedRecord, RETURNED, SUPERVISED, UNPACK, WITNESS } from '../support/data-input';

let h: ApiHarness;
const { start, pendingTask, complete, finished, keepFixture } = inboxDriver(() => h);

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});


/**
 * Four-eyes at the API: `username` (who did the executing step) tries the supervising step found in
 * `by`'s inbox. The task is not even in the refused user's inbox, and nothing changes.
 */
async function fourEyes(username: string, by: string, processId: string, step: string, decision: string, data: object = {}): Promise<void> {
  const task = await pendingTask(by, processId, step);
  const inbox = await (await h.as(username)).get(`/tasks?view=pending&processId=${processId}`).expect(200);
  expect((inbox.body.items as InboxTask[]).map((t) => t.taskId)).not.toContain(task.taskId);
  const res = await (await h.as(username)).post(`/tasks/${task.taskId}/complete`, { decision, data });
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 403, body: { statusCode: 403, code: 'FOUR_EYES' } });
  const after = await (await h.as(by)).get(`/tasks/${task.taskId}`).expect(200);
  expect(after.body.status).toBe('open');
}

/** A demo user holding a second role for one check (a data manager who is also a head, say). */
async function withRole<T>(username: string, role: string, department: string | null, body: () => Promise<T>): Promise<T> {
  await h.dataSource.query(`INSERT INTO user_roles (user_id, role, department) SELECT id, $2, $3 FROM users WHERE username = $1 ON CONFLICT DO NOTHING`, [username, role, department]);
  try {
    return await body();
  } finally {
    await h.dataSource.query(`DELETE FROM user_roles WHERE role = $2 AND department IS NOT DISTINCT FROM $3 AND user_id = (SELECT id FROM users WHERE username = $1)`, [username, role, department]);
  }
}

/** Receive → [unpack, supervised] → burn and store, supervised; the executor refused on each supervising step. */
async function receiveAndStore(processId: string, opts: { unpack: boolean; checkFourEyes?: boolean }): Promise<void> {
  await complete('data_manager_1', processId, 'receive', 'received', RECEIVE);
  if (opts.unpack) {
    await complete('data_manager_1', processId, 'unpack', 'unpacked', UNPACK);
    if (opts.checkFourEyes) await fourEyes('data_manager_1', 'data_manager_2', processId, 'unpack-supervise', 'confirm', SUPERVISED);
    await complete('data_manager_2', processId, 'unpack-supervise', 'confirm', SUPERVISED);
  }
  await complete('data_manager_1', processId, 'burn-and-store', 'stored', BURN);
  if (opts.checkFourEyes) await fourEyes('data_manager_1', 'data_manager_2', processId, 'burn-and-store-supervise', 'confirm', SUPERVISED);
  await complete('data_manager_2', processId, 'burn-and-store-supervise', 'confirm', SUPERVISED);
}

/** P6 steps (in a child case or on its own); with `checkFourEyes` the executor is refused on every supervising step. */
async function importAndLoad(processId: string, file: { providerName: string; fileName: string; records: number }, opts: { rejected?: number; standalone?: boolean; loadError?: 'rematch' | 'exclude'; checkFourEyes?: boolean } = {}): Promise<void> {
  await complete('data_manager_1', processId, 'import-register', 'registered', IMPORT_REGISTER(file.providerName, file.fileName, file.records));
  if (opts.checkFourEyes) await fourEyes('data_manager_1', 'data_manager_2', processId, 'import-register-supervise', 'confirm', SUPERVISED);
  await complete('data_manager_2', processId, 'import-register-supervise', 'confirm', SUPERVISED);
  if (opts.checkFourEyes) {
    await withRole('data_manager_1', 'dept_head', 'it', () => fourEyes('data_manager_1', 'it_head', processId, 'import-approval', 'approve'));
    await withRole('data_manager_2', 'dept_head', 'it', () => fourEyes('data_manager_2', 'it_head', processId, 'import-approval', 'approve'));
  }
  await complete('it_head', processId, 'import-approval', 'approve', { note: '同意导入' });
  await complete('data_manager_1', processId, 'import', 'import', IMPORT_RUN);
  // 001 §18 (一): the import itself is done under a second data manager's supervision.
  if (opts.checkFourEyes) await fourEyes('data_manager_1', 'data_manager_2', processId, 'import-supervise', 'confirm', SUPERVISED);
  await complete('data_manager_2', processId, 'import-supervise', 'confirm', SUPERVISED);
  if (opts.rejected) await complete('data_manager_1', processId, 'error-notice', 'issued', notice(opts.rejected));
  // On its own, the case hands the error file to a collector itself (a child leaves that to its collection case).
  if (opts.rejected && opts.standalone) await complete('data_collector_1', processId, 'return-to-provider', 'returned', RETURNED);
  await complete('data_manager_1', processId, 'load', 'load', LOAD);
  if (opts.checkFourEyes) await withRole('data_manager_1', 'dept_head', 'it', () => fourEyes('data_manager_1', 'it_head', processId, 'load-authorise', 'authorise', AUTHORISE));
  await complete('it_head', processId, 'load-authorise', 'authorise', AUTHORISE);
  if (opts.loadError) {
    await complete('data_manager_2', processId, 'load-error-register', opts.loadError, LOAD_ERROR);
    // 001 §19 (二): whatever the remedy, the batch is reloaded.
    await complete('data_manager_2', processId, 'load', 'load', LOAD);
    if (opts.checkFourEyes) await withRole('data_manager_2', 'dept_head', 'it', () => fourEyes('data_manager_2', 'it_head', processId, 'load-authorise', 'authorise', AUTHORISE));
    await complete('it_head', processId, 'load-authorise', 'authorise', AUTHORISE);
  }
}

const ARCHIVE = { receiptNo: 'DA-2026-0101' };

describe('process types and start rules', () => {
  it('lists both types with the channels as policies, and checks who starts what with which input', async () => {
    const types = (await (await h.as('data_collector_1')).get('/process-types').expect(200)).body as Array<{ type: string; policies?: string[]; startRoles: string[]; titleZh: string }>;
    expect(types.find((t) => t.type === 'data-collection')).toMatchObject({ titleZh: '数据采集', policies: ['online', 'disk', 'manual', 'open'], startRoles: ['data_collector'] });
    expect(types.find((t) => t.type === 'data-import')).toMatchObject({ titleZh: '数据导入与装载', startRoles: ['data_manager'] });

    const collector = await h.as('data_collector_1');
    expect((await collector.post('/processes', { type: 'data-collection', policy: 'open', input: {} })).body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'input.period' }] });
    expect((await collector.post('/processes', { type: 'data-collection', policy: 'online', input: {} })).body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'input.providerName' }] });
    expect((await collector.post('/processes', { type: 'data-collection', policy: 'floppy', input: { providerName: '市税务局' } })).body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'policy' }] });
    expect((await collector.post('/processes', { type: 'data-import', input: { providerName: 'x', fileName: 'y', channel: 'online', records: [] } })).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await (await h.as('data_manager_1')).post('/processes', { type: 'data-collection', policy: 'online', input: { providerName: '市税务局' } })).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });
});

describe('data collection walked by demo users', () => {
  it('online: the file goes back twice (unpack error, import error) and the third version loads; four-eyes on every supervising step', async () => {
    const subject = await createTestSubject(h.dataSource);
    const records = goodRecords(subject);
    const processId = await start('data_collector_1', 'data-collection', { providerName: '市税务局', fileName: 'tax-2026-10.dat' }, { policy: 'online' });

    await complete('data_collector_1', processId, 'register-file', 'registered', registerForm('市税务局', records, { recordsDeclared: 5 }));
    await complete('data_manager_1', processId, 'receive', 'received', RECEIVE);
    expect((await pendingTask('data_manager_1', processId, 'unpack')).decisions).toEqual(['error']);
    await complete('data_manager_1', processId, 'unpack', 'error', UNPACK, '登记记录数与原始文件不符');
    await fourEyes('data_manager_1', 'data_manager_2', processId, 'unpack-supervise', 'confirm', SUPERVISED);
    await complete('data_manager_2', processId, 'unpack-supervise', 'confirm', SUPERVISED);
    await complete('data_manager_1', processId, 'error-notice', 'issued', notice(3));
    const noReason = await (await h.as('data_collector_2')).post(`/tasks/${(await pendingTask('data_collector_2', processId, 'return-to-provider')).taskId}/complete`, { decision: 'abandon', data: RETURNED });
    expect(noReason.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'comment' }] });
    await complete('data_collector_2', processId, 'return-to-provider', 'resubmit', RETURNED);

    await complete('data_collector_1', processId, 'register-file', 'registered', registerForm('市税务局', [...records, badCodeRecord(subject)]));
    await receiveAndStore(processId, { unpack: true, checkFourEyes: true });
    await importAndLoad(processId, { providerName: '市税务局', fileName: 'tax-2026-10.dat', records: 4 }, { rejected: 1, checkFourEyes: true });
    const mid = await (await h.as('data_collector_1')).get(`/processes/${processId}`).expect(200);
    expect(mid.body.children).toEqual([`${processId}.import-2`]);

    await complete('data_collector_1', processId, 'return-to-provider', 'resubmit', RETURNED);
    await complete('data_collector_2', processId, 'register-file', 'registered', registerForm('市税务局', [correctedRecord(subject)], { fileName: 'tax-2026-10-fix.dat' }));
    await receiveAndStore(processId, { unpack: true });
    await importAndLoad(processId, { providerName: '市税务局', fileName: 'tax-2026-10-fix.dat', records: 1 });
    await complete('archivist_1', processId, 'archive', 'filed', ARCHIVE);

    const done = await finished(processId);
    expect(done).toMatchObject({
      outcome: 'loaded',
      openTasks: [],
      children: expect.arrayContaining([`${processId}.import-2`, `${processId}.import-3`]),
      data: {
        totals: { recordsIn: 4, recordsRejected: 1, recordsLoaded: 4, recordsExcluded: 0, imports: 2 },
        imports: [
          { processId: `${processId}.import-2`, fileVersion: 2, recordsTotal: 4, recordsIn: 3, recordsRejected: 1, recordsLoaded: 3 },
          { processId: `${processId}.import-3`, fileVersion: 3, recordsTotal: 1, recordsIn: 1, recordsRejected: 0, recordsLoaded: 1 },
        ],
        errorNotices: [{ source: 'unpack', fileVersion: 1 }, { source: 'import', fileVersion: 2 }],
      },
    });
    const child = await (await h.as('supervisor_1')).get(`/processes/${processId}.import-2`).expect(200);
    expect(child.body).toMatchObject({ type: 'data-import', parentId: processId, outcome: 'loaded', data: { counts: { recordsTotal: 4, recordsIn: 3, recordsRejected: 1, recordsLoaded: 3 } } });
    expect(await creditItem(h.dataSource, subject.subjectCode, '纳税信用等级')).toMatchObject({ baseValue: 'A级', creditValue: 'A级' });
    expect(await creditItem(h.dataSource, subject.subjectCode, '贷款余额')).toMatchObject({ baseValue: '280万元', creditValue: '280万元' });

    // Every refusal was recorded against the step it was tried on.
    const refusals = await h.dataSource.query(
      `SELECT t.step FROM audit_log a JOIN tasks t ON t.task_id = a.task_id WHERE t.root_process_id = $1 AND a.action = 'refusal' AND a.detail->>'code' = 'FOUR_EYES' ORDER BY a.id`,
      [processId],
    );
    expect(refusals.map((r: { step: string }) => r.step)).toEqual(['unpack-supervise', 'unpack-supervise', 'burn-and-store-supervise', 'import-register-supervise', 'import-approval', 'import-approval', 'import-supervise', 'load-authorise']);

    const replay = await (await h.as('auditor_1')).post(`/processes/${processId}/replay`).expect(200);
    expect(replay.body).toMatchObject({ deterministic: true });
    await keepFixture(processId, 'data-collection-online-loaded');
    await keepFixture(`${processId}.import-2`, 'data-import-child-rejected-loaded');
  });

  it('disk: the collector who registered may not confirm the copy; a load error is re-matched and reloaded', async () => {
    const subject = await createTestSubject(h.dataSource);
    const processId = await start('data_collector_1', 'data-collection', { providerName: '市生态环境局', fileName: 'env-2026-q3.dat' }, { policy: 'disk' });
    const records = [...goodRecords(subject), renamedRecord(subject)];
    await complete('data_collector_1', processId, 'register-file', 'registered', registerForm('市生态环境局', records, { medium: 'disk', fileName: 'env-2026-q3.dat' }));
    await fourEyes('data_collector_1', 'data_collector_2', processId, 'copy-witness', 'confirm', WITNESS);
    await complete('data_collector_2', processId, 'copy-witness', 'confirm', WITNESS);
    await receiveAndStore(processId, { unpack: true });
    await importAndLoad(processId, { providerName: '市生态环境局', fileName: 'env-2026-q3.dat', records: 4 }, { loadError: 'rematch', checkFourEyes: true });
    await complete('archivist_1', processId, 'archive', 'filed', ARCHIVE);
    expect(await finished(processId)).toMatchObject({ outcome: 'loaded', data: { totals: { recordsIn: 4, recordsLoaded: 4 }, imports: [{ loadAttempts: 2 }] } });
    expect(await creditItem(h.dataSource, subject.subjectCode, '对外担保')).toMatchObject({ creditValue: '无', subjectName: subject.subjectName });
    await keepFixture(processId, 'data-collection-disk-loaded');
  });

  it('manual: the collector who entered the records may not review and register them', async () => {
    const subject = await createTestSubject(h.dataSource);
    const records = goodRecords(subject);
    const processId = await start('data_collector_2', 'data-collection', { providerName: '市住房公积金中心', fileName: 'gjj-2026-10.xlsx' }, { policy: 'manual' });
    await complete('data_collector_2', processId, 'manual-entry', 'entered', MANUAL(records));
    await fourEyes('data_collector_2', 'data_collector_1', processId, 'register-file', 'registered', registerForm('市住房公积金中心', records, { medium: 'paper' }));
    await complete('data_collector_1', processId, 'register-file', 'registered', registerForm('市住房公积金中心', records, { medium: 'paper', fileName: 'gjj-2026-10.xlsx' }));
    await receiveAndStore(processId, { unpack: false });
    await importAndLoad(processId, { providerName: '市住房公积金中心', fileName: 'gjj-2026-10.xlsx', records: 3 });
    await complete('archivist_1', processId, 'archive', 'filed', ARCHIVE);
    expect(await finished(processId)).toMatchObject({ outcome: 'loaded', data: { totals: { recordsIn: 3, recordsLoaded: 3 } } });
    await keepFixture(processId, 'data-collection-manual-loaded');
  });

  it('open: entries, the month-end report reviewed by another collector and signed by the head, handed over and imported', async () => {
    const subject = await createTestSubject(h.dataSource);
    const now = new Date(Date.now() + 8 * 3600_000);
    const period = now.toISOString().slice(0, 7);
    const processId = await start('data_collector_1', 'data-collection', { period }, { policy: 'open' });
    await complete('data_collector_1', processId, 'collect', 'add-entry', openEntry(subject, '行政处罚记录', ['违反广告法罚款1万元']));
    await complete('data_collector_2', processId, 'collect', 'last-entry', openEntry(subject, '守信表彰', ['守合同重信用企业'], '武汉市人民政府公报'));
    const report = await pendingTask('data_collector_1', processId, 'monthly-report');
    expect(report.prefill).toMatchObject({ period, entries: 2, records: 2 });
    await complete('data_collector_1', processId, 'monthly-report', 'compiled', OPEN_REPORT);
    await fourEyes('data_collector_1', 'data_collector_2', processId, 'review', 'confirm', OPEN_REVIEW);
    await complete('data_collector_2', processId, 'review', 'confirm', OPEN_REVIEW);
    await withRole('data_collector_1', 'dept_head', 'collection', () => fourEyes('data_collector_1', 'collection_head', processId, 'sign', 'sign'));
    await withRole('data_collector_2', 'dept_head', 'collection', () => fourEyes('data_collector_2', 'collection_head', processId, 'sign', 'sign'));
    await complete('collection_head', processId, 'sign', 'sign', { note: '同意' });
    await complete('data_collector_1', processId, 'hand-over', 'handed-over', HAND_OVER);
    await receiveAndStore(processId, { unpack: false, checkFourEyes: true });
    await importAndLoad(processId, { providerName: '公开渠道', fileName: HAND_OVER.fileName, records: 2 });
    await complete('archivist_1', processId, 'archive', 'filed', ARCHIVE);
    expect(await finished(processId)).toMatchObject({
      outcome: 'loaded',
      data: { openReport: { entries: 2, records: 2, signedBy: 'collection_head' }, totals: { recordsIn: 2, recordsLoaded: 2 } },
    });
    expect(await creditItem(h.dataSource, subject.subjectCode, '守信表彰')).toMatchObject({ creditValue: '守合同重信用企业', providerName: '武汉市人民政府公报' });
    await keepFixture(processId, 'data-collection-open-loaded');
  });
});

describe('data import started by a data manager', () => {
  it('a corrected file handed over: import error back to the provider, load error re-matched, four-eyes on every supervising step', async () => {
    const subject = await createTestSubject(h.dataSource);
    const records = [...goodRecords(subject), badCodeRecord(subject), renamedRecord(subject)];
    const processId = await start('data_manager_1', 'data-import', { providerName: '某商业银行武汉分行', fileName: 'loan-fix.dat', channel: 'online', records });
    await importAndLoad(processId, { providerName: '某商业银行武汉分行', fileName: 'loan-fix.dat', records: 5 }, { rejected: 1, standalone: true, checkFourEyes: true, loadError: 'rematch' });
    await complete('archivist_1', processId, 'archive', 'filed', ARCHIVE);
    const done = await finished(processId);
    expect(done).toMatchObject({ outcome: 'loaded', data: { counts: { recordsTotal: 5, recordsIn: 4, recordsRejected: 1, recordsLoaded: 4, loadAttempts: 2 }, errorNotice: { source: 'import' } } });
    await keepFixture(processId, 'data-import-standalone-supervised-loaded');
  });
});

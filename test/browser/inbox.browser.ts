/**
 * The web inbox in a real browser (Debian's chromium through playwright-core) against the real
 * stack in this process: API + worker + Temporal dev server + the test database. Demo users walk
 * an objection case through the forms, a supervisor reads its timeline, an auditor replays it;
 * bad input is refused in the browser with Chinese messages and sends nothing; a user who must
 * change the password is taken to the password page first.
 *
 * Every screen passed is saved as a PNG in test/screenshots/ (1280×720, one inbox at 390×844).
 * The API serves apps/web/dist when it exists at app creation; ./web-dist builds it if missing.
 */
import './web-dist'; // first: builds apps/web/dist if missing, before the app module looks for it
import { mkdirSync } from 'fs';
import * as path from 'path';
import * as bcrypt from 'bcryptjs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { UserEntity } from '../../libs/persistence/entities';
import { ApiHarness, startApiHarness, until } from '../support/api-harness';
import { createTestSubject } from '../support/database';
import { inboxDriver } from '../support/inbox-driver';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';

const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, 'test/screenshots');
const PASSWORD = 'demo-pass-2026';
const DESKTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };

let h: ApiHarness;
const { start, pendingTask, complete } = inboxDriver(() => h);
let baseUrl: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startApiHarness();
  baseUrl = await h.listen();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await h?.close();
});

// ---- helpers ---------------------------------------------------------------------------------

type Task = { taskId: string; processId: string; step: string; status: string; assignee?: string; completedBy?: string; decision?: string; comment?: string; data?: Record<string, unknown> };

/** A fresh browser session (its own sessionStorage), Chinese by default. */
async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** A picture of the screen once its data is in (no spinner) and its motion finished. */
async function shot(page: Page, name: string): Promise<void> {
  // (page code as strings: the project's TypeScript has no DOM library)
  await page.waitForFunction(`!document.querySelector('.ant-spin-spinning, .ant-table-loading, .ant-btn-loading')`);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
}

async function login(page: Page, username: string, password = PASSWORD, shotName?: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  if (shotName) await shot(page, shotName);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** The requests the page sends that would change something (the checks that "nothing was sent"). */
function recordWrites(page: Page): Request[] {
  const writes: Request[] = [];
  page.on('request', (req) => {
    if (req.method() !== 'GET' && new URL(req.url()).pathname.startsWith('/api/')) writes.push(req);
  });
  return writes;
}

async function apiTasks(username: string, processId: string, view = 'all'): Promise<Task[]> {
  const res = await (await h.as(username)).get(`/tasks?view=${view}&processId=${processId}`).expect(200);
  return res.body.items;
}

async function processCount(): Promise<number> {
  const [{ n }] = await h.dataSource.query('SELECT count(*)::int AS n FROM processes');
  return n;
}

/** Picks an option of an antd Select (rjsf's or the page's) by its visible text. */
async function choose(page: Page, select: Locator, optionText: string): Promise<void> {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.locator('.ant-select-item-option', { hasText: optionText }).first().click();
  await dropdown.waitFor({ state: 'hidden' });
}

/** Opens the inbox, waits for the case's row and opens it with 办理. */
async function openFromInbox(page: Page, processId: string): Promise<void> {
  await page.goto(`${baseUrl}/inbox`);
  const row = page.getByTestId('task-table').locator('tr', { hasText: processId });
  await row.waitFor();
  // antd spaces out a two-character label: 办 理
  await row.getByRole('button', { name: /^办\s*理$/ }).click();
  await page.waitForURL(/\/tasks\//);
  await page.getByTestId('decisions').waitFor();
}

async function tickReviewChecks(page: Page): Promise<void> {
  for (const field of Object.keys(INITIAL_REVIEW_PASSED)) await page.locator(`#root_${field}`).check();
}

/** The local time of a date, as the date-time picker takes it when typed. */
function pickerText(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3600_000); // the browser runs in Asia/Shanghai
  return local.toISOString().slice(0, 19).replace('T', ' ');
}

/** Fills the objection start form (policy center); `overrides` replace single text fields. */
async function fillObjectionForm(page: Page, subject: { subjectName: string; subjectCode: string }, overrides: Record<string, string> = {}) {
  const input = objectionInput(subject);
  await choose(page, page.locator('.ant-select:has([data-testid=policy]), [data-testid=policy]').first(), '征信中心规程');
  const text: Record<string, string> = {
    subjectName: input.subjectName,
    subjectCode: input.subjectCode,
    reportId: input.reportId,
    itemName: input.itemName,
    originalValue: input.originalValue,
    claimedValue: input.claimedValue,
    evidence_0_name: input.evidence[0].name,
    ...overrides,
  };
  for (const [field, value] of Object.entries(text)) await page.locator(`#root_${field}`).fill(value);
  const queried = page.locator('#root_reportQueriedAt');
  await queried.click();
  await queried.fill(pickerText(new Date(input.reportQueriedAt)));
  await queried.press('Enter');
  await expectValue(queried, pickerText(new Date(input.reportQueriedAt)));
  await choose(page, page.locator('.ant-select:has(#root_channel)'), 'outlet');
  return input;
}

async function expectValue(locator: Locator, value: string): Promise<void> {
  await until(async () => (await locator.inputValue()) === value, `input value ${value}`, 5_000);
}

/** A case that waits at the reviewer's confirm step, prepared over HTTP. */
async function caseAtConfirm(): Promise<string> {
  const processId = await start('service_clerk_1', 'objection', objectionInput(await createTestSubject(h.dataSource)), { policy: 'center' });
  await complete('service_clerk_1', processId, 'accept', 'accept', INITIAL_REVIEW_PASSED);
  await pendingTask('service_reviewer_1', processId, 'confirm');
  return processId;
}

/** A case whose accept and confirm steps are decided (the check step is open), prepared over HTTP. */
async function caseDecided(): Promise<string> {
  const processId = await caseAtConfirm();
  await complete('service_reviewer_1', processId, 'confirm', 'confirm', INITIAL_REVIEW_PASSED, '材料齐全，复核确认');
  await pendingTask('it_staff_1', processId, 'check');
  return processId;
}

// The walk shares one case when the tests run in order; each test prepares its own over HTTP otherwise.
const walked: { accepted?: string; confirmed?: string } = {};

// ---- the tests -------------------------------------------------------------------------------

describe('an objection case walked through the web inbox', () => {
  it('a clerk logs in, starts a case (policy center) through the start form and accepts it through the task form', async () => {
    const page = await newPage();
    await login(page, 'service_clerk_1', PASSWORD, '01-login');
    await page.getByTestId('task-table').waitFor();
    await shot(page, '02-clerk-inbox');

    await page.getByRole('menuitem', { name: '发起业务' }).click();
    await page.getByTestId('start-types').locator('[data-type=objection]').click();
    await page.waitForURL(/\/start\/objection$/);
    const subject = await createTestSubject(h.dataSource);
    const input = await fillObjectionForm(page, subject);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, '03a-start-form-filled-top');
    await page.getByTestId('start-submit').scrollIntoViewIfNeeded();
    await shot(page, '03b-start-form-filled-bottom');

    const before = await processCount();
    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/cases\//);
    const processId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(await processCount()).toBe(before + 1);
    const started = await (await h.as('supervisor_1')).get(`/processes/${processId}`).expect(200);
    expect(started.body).toMatchObject({ type: 'objection', policy: 'center' });
    expect(started.body.data).toMatchObject({ subjectCode: subject.subjectCode, itemName: '行政处罚记录', channel: 'outlet', evidence: [{ name: input.evidence[0].name }] });
    // the picked time (to the second) is what was sent
    expect(new Date(started.body.data.reportQueriedAt as string).getTime()).toBe(Math.floor(new Date(input.reportQueriedAt).getTime() / 1000) * 1000);
    await page.getByTestId('timeline').waitFor();
    // the time is shown as the clerk picked it (local time), not as the stored UTC string
    const queriedCell = page.locator(`xpath=//*[contains(@class,'ant-descriptions-item-label')][normalize-space()='报告查询时间']/following-sibling::*[1]`).first();
    await expect(queriedCell.innerText()).resolves.toBe(pickerText(new Date(input.reportQueriedAt)).slice(0, 16));
    await shot(page, '04-case-after-start');

    await pendingTask('service_clerk_1', processId, 'accept');
    await openFromInbox(page, processId);
    // the step and the decisions are named by the objection type's labels from GET /api/process-types
    const objection = (await (await h.as('service_clerk_1')).get('/process-types').expect(200)).body.find((t: { type: string }) => t.type === 'objection');
    expect(objection.labels).toMatchObject({ steps: { accept: { zh: '异议受理（初审）' } }, decisions: { accept: { zh: '受理' }, reject: { zh: '驳回' } } });
    await expect(page.getByTestId('task-title').innerText()).resolves.toBe('异议受理（初审）');
    await expect(page.getByTestId('task-step').innerText()).resolves.toBe('异议受理（初审）');
    // antd spaces out a two-character label: 受 理
    const decisionText = async (decision: string) => (await page.locator(`[data-decision=${decision}]`).innerText()).replace(/\s+/g, '');
    expect(await decisionText('accept')).toBe('受理');
    expect(await decisionText('reject')).toBe('驳回');
    await tickReviewChecks(page);
    await page.locator('#root_receiptNo').fill('HZ-2026-0001');
    await page.locator('#task-comment').fill('材料齐全，予以受理');
    await shot(page, '05-accept-task-filled');
    await page.locator('[data-decision=accept]').click();
    await page.getByTestId('next-task').waitFor();
    await shot(page, '06-accept-done');

    const [accept] = (await apiTasks('service_clerk_1', processId)).filter((t) => t.step === 'accept');
    expect(accept).toMatchObject({ status: 'completed', decision: 'accept', completedBy: 'service_clerk_1', comment: '材料齐全，予以受理', data: { ...INITIAL_REVIEW_PASSED, receiptNo: 'HZ-2026-0001' } });
    walked.accepted = processId;
  });

  it('a reviewer finds the case in 待办 and confirms it', async () => {
    const processId = walked.accepted ?? (await caseAtConfirm());
    await pendingTask('service_reviewer_1', processId, 'confirm');
    const page = await newPage();
    await login(page, 'service_reviewer_1');
    const row = page.getByTestId('task-table').locator('tr', { hasText: processId });
    await row.waitFor();
    await expect(page.getByTestId('pending-count').innerText()).resolves.toMatch(/^\d+$/);
    await shot(page, '07-reviewer-inbox');

    await openFromInbox(page, processId);
    await tickReviewChecks(page);
    await page.locator('#task-comment').fill('材料齐全，复核确认');
    await shot(page, '08-confirm-task-filled');
    await page.locator('[data-decision=confirm]').click();
    await page.getByTestId('next-task').waitFor();
    await shot(page, '09-confirm-done');

    const [confirm] = (await apiTasks('service_reviewer_1', processId)).filter((t) => t.step === 'confirm');
    expect(confirm).toMatchObject({ status: 'completed', decision: 'confirm', completedBy: 'service_reviewer_1', comment: '材料齐全，复核确认' });
    // the case went on to the next step and left the reviewer's 待办
    await pendingTask('it_staff_1', processId, 'check');
    expect((await apiTasks('service_reviewer_1', processId, 'pending')).length).toBe(0);
    walked.confirmed = processId;
  });

  it('a supervisor finds the case and reads its timeline: who decided what', async () => {
    const processId = walked.confirmed ?? (await caseDecided());
    const page = await newPage();
    await login(page, 'supervisor_1');
    await page.getByRole('menuitem', { name: '案件查询' }).click();
    await page.getByTestId('case-table').waitFor();
    await page.getByTestId('case-search').locator('input').fill(processId);
    await page.getByTestId('case-search').locator('input').press('Enter');
    const link = page.getByTestId('case-table').getByRole('link', { name: processId });
    await link.waitFor();
    await until(async () => (await page.getByTestId('case-table').locator('tr.ant-table-row').count()) === 1, 'the search to narrow the list to the case', 10_000);
    await shot(page, '10-supervisor-cases');
    await link.click();
    await page.waitForURL(/\/cases\//);

    const timeline = page.getByTestId('timeline');
    const completed = timeline.locator('tr', { hasText: '办理完成' });
    await completed.nth(1).waitFor();
    const rows = await completed.allInnerTexts();
    expect(rows[0]).toContain('service_clerk_1');
    expect(rows[0]).toContain('受理');
    expect(rows[1]).toContain('service_reviewer_1');
    expect(rows[1]).toContain('确认');
    expect(rows[1]).toContain('材料齐全，复核确认');
    await expect(timeline.locator('tr', { hasText: '发起' }).first().innerText()).resolves.toContain('service_clerk_1');
    await page.getByTestId('temporal-link').waitFor();
    await shot(page, '11-supervisor-case-timeline');
    await timeline.scrollIntoViewIfNeeded();
    await shot(page, '12-supervisor-timeline-scrolled');
  });

  it('an auditor replays the case and sees the verdict 确定性重放通过', async () => {
    const processId = walked.confirmed ?? (await caseDecided());
    const page = await newPage();
    await login(page, 'auditor_1');
    await page.goto(`${baseUrl}/cases/${encodeURIComponent(processId)}`);
    await page.getByTestId('replay').click();
    const verdict = page.getByTestId('replay-verdict');
    await verdict.waitFor();
    await expect(verdict.innerText()).resolves.toContain('确定性重放通过');
    expect(await verdict.getAttribute('class')).toContain('ant-alert-success');
    await verdict.scrollIntoViewIfNeeded();
    await shot(page, '13-auditor-replay-verdict');
  });
});

describe('bad input is refused in the browser, in Chinese, and sends nothing', () => {
  it('a start form with a malformed credit code shows the field message and starts nothing', async () => {
    const page = await newPage();
    await login(page, 'service_clerk_1');
    await page.goto(`${baseUrl}/start/objection`);
    await page.getByTestId('start-submit').waitFor();
    const subject = await createTestSubject(h.dataSource);
    await fillObjectionForm(page, subject, { subjectCode: 'ABC-123' });
    const before = await processCount();
    const writes = recordWrites(page);

    await page.getByTestId('start-submit').click();
    const message = page.locator('#root_subjectCode__error');
    await message.waitFor();
    await expect(message.innerText()).resolves.toContain('格式不正确');
    await shot(page, '14-start-form-invalid');
    expect(writes.map((r) => r.url())).toEqual([]);
    expect(await processCount()).toBe(before);

    // A code of the right shape with a wrong check character passes the browser's pattern; the
    // API refuses it (400) and the page says so; still no case.
    const wrongCheck = subject.subjectCode.slice(0, 17) + (subject.subjectCode[17] === '0' ? '1' : '0');
    await page.locator('#root_subjectCode').fill(wrongCheck);
    await page.getByTestId('start-submit').click();
    const apiError = page.getByTestId('api-error');
    await apiError.waitFor();
    await expect(apiError.innerText()).resolves.toContain('提交的数据未通过校验');
    await expect(apiError.innerText()).resolves.toContain('input.subjectCode');
    await apiError.scrollIntoViewIfNeeded();
    await shot(page, '15-start-form-refused-by-api');
    expect(await processCount()).toBe(before);
  });

  it('a task form with a too long receipt number, or a rejection without a reason, is not sent and the task stays open', async () => {
    const processId = await start('service_clerk_1', 'objection', objectionInput(await createTestSubject(h.dataSource)), { policy: 'center' });
    const task = await pendingTask('service_clerk_1', processId, 'accept');

    const page = await newPage();
    await login(page, 'service_clerk_1');
    await openFromInbox(page, processId);
    const writes = recordWrites(page);

    await tickReviewChecks(page);
    await page.locator('#root_receiptNo').fill('HZ-'.padEnd(60, '0')); // at most 50 characters
    await page.locator('[data-decision=accept]').click();
    await page.getByTestId('form-invalid').waitFor();
    await expect(page.getByTestId('form-invalid').innerText()).resolves.toContain('表单有误');
    await expect(page.locator('#root_receiptNo__error').innerText()).resolves.toContain('最多 50 个字符');
    await shot(page, '16-task-form-invalid');

    await page.locator('[data-decision=reject]').click();
    await page.getByTestId('reason-required').waitFor();
    await expect(page.getByTestId('reason-required').innerText()).resolves.toContain('必须填写理由');
    await shot(page, '17-task-reject-needs-reason');

    expect(writes.map((r) => r.url())).toEqual([]);
    const [now] = (await apiTasks('service_clerk_1', processId)).filter((t) => t.taskId === task.taskId);
    expect(now).toMatchObject({ status: 'open' });
    expect(now.assignee).toBeUndefined();
    expect(now.decision).toBeUndefined();
  });
});

describe('a forced password change', () => {
  it('a new user logs in, lands on the password page, changes the password and reaches the inbox', async () => {
    const username = `browser_clerk_${Date.now().toString(36)}`;
    const initial = 'Initial-pass-2026';
    const chosen = 'My-own-pass-2026!';
    const users = h.dataSource.getRepository(UserEntity);
    await users.save(
      users.create({
        username,
        displayName: '新入职受理员',
        passwordHash: await bcrypt.hash(initial, 10),
        mustChangePassword: true,
        passwordChangedAt: null,
        roles: [{ role: 'service_clerk', department: null }],
      }),
    );

    const page = await newPage();
    await login(page, username, initial);
    await page.waitForURL(/\/password$/);
    await page.getByTestId('forced-password').waitFor();
    // the other pages are closed to the user until then
    await page.goto(`${baseUrl}/inbox`);
    await page.waitForURL(/\/password$/);
    await page.getByTestId('forced-password').waitFor();
    await shot(page, '18-forced-password');

    await page.locator('#currentPassword').fill(initial);
    await page.locator('#newPassword').fill(chosen);
    await page.locator('#confirmPassword').fill(chosen + 'x');
    await page.getByTestId('password-submit').click();
    await page.getByText('两次输入的新密码不一致').waitFor();
    await shot(page, '19-password-mismatch');

    await page.locator('#confirmPassword').fill(chosen);
    await page.getByTestId('password-submit').click();
    await page.waitForURL(/\/inbox/);
    await page.getByTestId('task-table').waitFor();
    await shot(page, '20-inbox-after-password-change');
    expect(await users.findOneByOrFail({ username })).toMatchObject({ mustChangePassword: false });

    // the new password is the one that works now
    await h.http().post('/api/auth/login').send({ username, password: chosen }).expect(200, /"mustChangePassword":false/);
    await h.http().post('/api/auth/login').send({ username, password: initial }).expect(401);
  });
});

describe('on a phone', () => {
  it('the inbox fits 390×844 and the menu opens from the toggle', async () => {
    const processId = await caseAtConfirm(); // so the reviewer's 待办 has a row
    const page = await newPage(PHONE);
    await login(page, 'service_reviewer_1');
    await page.getByTestId('task-table').waitFor();
    await page.getByTestId('task-table').locator('tr', { hasText: processId }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await shot(page, '21-phone-inbox');
    await page.getByTestId('menu-toggle').click();
    await page.locator('.ant-layout-sider:not(.ant-layout-sider-collapsed)').waitFor();
    await page.getByRole('menuitem', { name: '待办事项' }).waitFor();
    await shot(page, '22-phone-menu');
  });
});

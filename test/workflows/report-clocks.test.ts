/**
 * The one clock P8/P9 add (001 §54(三), §65(三): the dispatcher sees that each team finishes on
 * time): a task dispatched with a deadline in working days flags its child case and alerts the
 * product head when it passes — counted across the Labour Day holiday, never stopping the case.
 */
import { DataSource } from 'typeorm';
import { NoticeEntity, ProcessEntity } from '../../libs/persistence/entities';
import { openTestDatabase } from '../support/database';
import { ReportDriver } from '../support/report-driver';
import { investigationInput, valueAddedInput } from '../support/report-input';
import { eventually, Harness, openTask, startHarness } from '../support/workflow-harness';

let dataSource: DataSource;
let h: Harness;

beforeAll(async () => {
  dataSource = await openTestDatabase();
});
afterAll(async () => {
  await h?.close();
  await dataSource?.destroy();
});

it('a task due in 3 working days from Wed 29 April 2026 is due at the end of Thu 7 May (1–5 May are holidays), then escalates to the product head', async () => {
  h = await startHarness(dataSource, '2026-04-29T10:00:00+08:00');
  const d = new ReportDriver(h, dataSource);
  const team = { projectManager: 'analyst_1', members: ['analyst_2'], dueInWorkingDays: 3 };
  const report = await d.start('investigation-report', investigationInput('standard', 40_000));
  const service = await d.start('value-added-service', valueAddedInput('batch-data', 40_000));
  for (const parent of [report, service]) {
    await d.contractAndPayment(parent, 40_000);
    await d.dispatch(parent, [team]);
  }
  const children = [d.child(report, 1), d.child(service, 1)];
  const caseRow = (processId: string) => dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId });
  for (const child of children) {
    await openTask(dataSource, child.workflowId, 'confirm');
    await eventually(async () => (await caseRow(child.workflowId)).dueAt, 'child due time');
    expect((await caseRow(child.workflowId)).dueAt!.toISOString()).toBe(new Date('2026-05-08T00:00:00+08:00').toISOString());
  }
  expect((await d.orderTasks(report.workflowId))[0].dueInWorkingDays).toBe(3);

  const untilDue = Date.parse('2026-05-08T00:00:00+08:00') - (await h.server.env.currentTimeMs());
  await h.server.env.sleep(untilDue - 3600_000);
  for (const child of children) expect((await caseRow(child.workflowId)).slaBreached).toBe(false);

  await h.server.env.sleep(2 * 3600_000);
  for (const child of children) {
    await eventually(async () => (await caseRow(child.workflowId)).slaBreached, 'task SLA breached');
    const notice = await dataSource.getRepository(NoticeEntity).findOneByOrFail({ processId: child.workflowId, dedupeKey: `case-escalation:${child.workflowId}` });
    expect(notice.recipient).toBe('product_head');
    // Escalation, not expiry: the task is still open to its project manager.
    expect((await caseRow(child.workflowId)).status).toBe('running');
    expect((await openTask(dataSource, child.workflowId, 'confirm')).candidateUsers).toEqual(['analyst_1']);
  }
});

/** Drives P5 / P6 cases on the time-skipping harness as the demo users would (decisions signalled like the API). */
import type { WorkflowHandle } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { WorkingDayCalendar } from '../../libs/calendar/working-day-calendar';
import type { Clock } from '../../libs/calendar/working-day-calendar';
import { decisionSignal } from '../../libs/contracts/workflow-contract';
import type { DataChannel } from '../../libs/domain/data-policy';
import { AuditLogEntity, NoticeEntity, TaskEntity } from '../../libs/persistence/entities';
import { AUTHORISE, BURN, IMPORT_REGISTER, IMPORT_RUN, LOAD, LOAD_ERROR, notice, SUPERVISED } from './data-input';
import { decide, eventually, Harness, openTask, startCase } from './workflow-harness';

const calendar = new WorkingDayCalendar();

export class DataDriver {
  constructor(
    readonly h: Harness,
    readonly dataSource: DataSource,
  ) {}

  collect(channel: DataChannel, input: object, startedBy = 'data_collector_1'): Promise<WorkflowHandle> {
    return startCase(this.h, this.dataSource, 'dataCollectionWorkflow', { processType: 'data-collection', policy: channel, startedBy, input });
  }

  importFile(input: object, startedBy = 'data_manager_1'): Promise<WorkflowHandle> {
    return startCase(this.h, this.dataSource, 'dataImportWorkflow', { processType: 'data-import', startedBy, input });
  }

  /** The P6 child a collection case starts for a file version. */
  child(parent: WorkflowHandle, version: number): WorkflowHandle {
    return this.h.server.env.client.workflow.getHandle(`${parent.workflowId}.import-${version}`);
  }

  decide(handle: WorkflowHandle, step: string, username: string, decision: string, data: Record<string, unknown> = {}, comment?: string): Promise<TaskEntity> {
    return decide(this.h, this.dataSource, handle, step, username, decision, data, comment);
  }

  /**
   * Sends a decision around the API gate (as a buggy or hostile client could) and waits for the
   * workflow to refuse and record it; the task stays open.
   */
  async refused(handle: WorkflowHandle, step: string, username: string, decision: string, data: Record<string, unknown> = {}, comment?: string): Promise<{ code: string; reason: string }> {
    const task = await openTask(this.dataSource, handle.workflowId, step);
    const audit = this.dataSource.getRepository(AuditLogEntity);
    const before = await audit.countBy({ taskId: task.taskId, action: 'refusal' });
    await handle.signal(decisionSignal, { taskId: task.taskId, username, decision, data, comment, decidedAt: new Date(await this.h.server.env.currentTimeMs()).toISOString() });
    await eventually(async () => (await audit.countBy({ taskId: task.taskId, action: 'refusal' })) > before, `refusal on ${task.taskId}`);
    const [row] = await audit.find({ where: { taskId: task.taskId, action: 'refusal' }, order: { id: 'DESC' }, take: 1 });
    expect((await this.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: task.taskId })).status).toBe('open');
    return row.detail as { code: string; reason: string };
  }

  /**
   * A step's clock: due at the end of the N-th working day after it opened; the escalation reaches
   * the responsible head only once the due time has passed, and the task stays open.
   */
  async clock(handle: WorkflowHandle, step: string, clock: Clock, escalatesTo: string): Promise<TaskEntity> {
    const task = await openTask(this.dataSource, handle.workflowId, step);
    expect(task.dueAt!.toISOString()).toBe(calendar.due(task.createdAt, clock).dueAt);
    const escalations = () => this.dataSource.getRepository(NoticeEntity).findBy({ taskId: task.taskId, kind: 'escalation' });
    const untilDue = task.dueAt!.getTime() - (await this.h.server.env.currentTimeMs());
    await this.h.server.env.sleep(untilDue - 60_000);
    expect(await escalations()).toHaveLength(0);
    await this.h.server.env.sleep(2 * 60_000);
    const notices = await eventually(async () => ((await escalations()).length > 0 ? escalations() : undefined), `escalation of ${step}`);
    expect(notices.map((n) => n.recipient)).toContain(escalatesTo);
    expect((await this.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: task.taskId })).status).toBe('open');
    return task;
  }

  /** P6 from the register to the load, by data_manager_1 with data_manager_2 and the IT head as the second people. */
  async importAndLoad(handle: WorkflowHandle, file: { providerName: string; fileName: string; records: number }, opts: { rejected?: number; loadError?: 'rematch' | 'exclude' } = {}): Promise<void> {
    await this.decide(handle, 'import-register', 'data_manager_1', 'registered', IMPORT_REGISTER(file.providerName, file.fileName, file.records));
    await this.decide(handle, 'import-register-supervise', 'data_manager_2', 'confirm', SUPERVISED);
    await this.decide(handle, 'import-approval', 'it_head', 'approve', { note: '同意导入' });
    await this.decide(handle, 'import', 'data_manager_1', 'import', IMPORT_RUN);
    await this.decide(handle, 'import-supervise', 'data_manager_2', 'confirm', SUPERVISED);
    if (opts.rejected) await this.decide(handle, 'error-notice', 'data_manager_1', 'issued', notice(opts.rejected));
    await this.decide(handle, 'load', 'data_manager_1', 'load', LOAD);
    await this.decide(handle, 'load-authorise', 'it_head', 'authorise', AUTHORISE);
    if (opts.loadError) {
      await this.decide(handle, 'load-error-register', 'data_manager_2', opts.loadError, LOAD_ERROR);
      // 001 §19 (二): whatever the remedy, the batch is reloaded.
      await this.decide(handle, 'load', 'data_manager_2', 'load', LOAD);
      await this.decide(handle, 'load-authorise', 'it_head', 'authorise', AUTHORISE);
    }
  }

  async burnAndStore(handle: WorkflowHandle): Promise<void> {
    await this.decide(handle, 'burn-and-store', 'data_manager_1', 'stored', BURN);
    await this.decide(handle, 'burn-and-store-supervise', 'data_manager_2', 'confirm', SUPERVISED);
  }

  /** Gives a demo user an extra role for one test (to show four-eyes holds even for someone holding both roles). */
  async grant(username: string, role: string, department: string | null = null): Promise<() => Promise<void>> {
    await this.dataSource.query(`INSERT INTO user_roles (user_id, role, department) SELECT id, $2, $3 FROM users WHERE username = $1 ON CONFLICT DO NOTHING`, [username, role, department]);
    return async () => {
      await this.dataSource.query(`DELETE FROM user_roles WHERE role = $2 AND department IS NOT DISTINCT FROM $3 AND user_id = (SELECT id FROM users WHERE username = $1)`, [username, role, department]);
    };
  }
}

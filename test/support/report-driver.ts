/** Drives P8 / P9 cases on the time-skipping harness as the demo users would (decisions signalled like the API). */
import type { WorkflowHandle } from '@temporalio/client';
import { DataSource, In } from 'typeorm';
import { ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { OrderEntity } from '../../libs/persistence/entities/order.entity';
import { OrderTaskEntity } from '../../libs/persistence/entities/order-task.entity';
import { ReportReviewOpinionEntity } from '../../libs/persistence/entities/report-review-opinion.entity';
import { ReportVersionEntity } from '../../libs/persistence/entities/report-version.entity';
import { ACCEPTANCE, ARCHIVE, CONFIRM, CONTRACT, DELIVERY, dispatch, DRAFT, FIELD_VISIT, OPINION, PAYMENT, PREPARATION, TeamSpec, UPLOAD } from './report-input';
import { decide, eventually, Harness, startCase } from './workflow-harness';

export const REVIEWERS: Record<string, string> = {
  'dept-review': 'product_head',
  'leader-review': 'division_leader_1',
  'committee-review': 'committee_member_1',
};

export function reviewerOf(step: string): string {
  return REVIEWERS[step.replace(/^(plan|product)-/, '')];
}

export class ReportDriver {
  constructor(
    private readonly h: Harness,
    readonly dataSource: DataSource,
  ) {}

  start(processType: 'investigation-report' | 'value-added-service', input: object, startedBy = 'marketer_1'): Promise<WorkflowHandle> {
    const workflow = processType === 'investigation-report' ? 'investigationReportWorkflow' : 'valueAddedServiceWorkflow';
    return startCase(this.h, this.dataSource, workflow, { processType, startedBy, input });
  }

  child(parent: WorkflowHandle, taskNo: number): WorkflowHandle {
    return this.h.server.env.client.workflow.getHandle(`${parent.workflowId}.task-${taskNo}`);
  }

  decide(handle: WorkflowHandle, step: string, username: string, decision: string, data: Record<string, unknown> = {}, comment?: string): Promise<TaskEntity> {
    return decide(this.h, this.dataSource, handle, step, username, decision, data, comment);
  }

  /** Which of these steps opens next in a case. */
  nextOpenStep(processId: string, steps: string[]): Promise<string> {
    return eventually(async () => (await this.dataSource.getRepository(TaskEntity).findOne({ where: { processId, step: In(steps), status: 'open' } }))?.step, `one of ${steps.join(', ')} in ${processId}`);
  }

  /** accept → contract-dispatch → contract → approval(s) → payment; answers whether the center head was asked. */
  async contractAndPayment(parent: WorkflowHandle, amount: number): Promise<{ centerHeadApproved: boolean }> {
    await this.decide(parent, 'accept', 'marketer_1', 'accept', ACCEPTANCE);
    await this.decide(parent, 'contract-dispatch', 'cs_head', 'assign', { marketer: 'marketer_1' });
    await this.decide(parent, 'contract', 'marketer_1', 'signed', CONTRACT);
    await this.decide(parent, 'contract-approval', 'cs_head', 'approve', { opinion: '同意签订' });
    const next = await this.nextOpenStep(parent.workflowId, ['contract-center-approval', 'payment']);
    if (next === 'contract-center-approval') await this.decide(parent, 'contract-center-approval', 'center_head', 'approve', { opinion: '同意' });
    await this.decide(parent, 'payment', 'cashier_1', 'paid', PAYMENT(amount));
    return { centerHeadApproved: next === 'contract-center-approval' };
  }

  async dispatch(parent: WorkflowHandle, teams: TeamSpec[]): Promise<void> {
    await this.decide(parent, 'task-dispatch', 'product_head', 'dispatch', dispatch(teams));
  }

  /** confirm → prepare → field-visit → draft → upload of an investigation task. */
  async investigate(task: WorkflowHandle, team: TeamSpec): Promise<void> {
    await this.decide(task, 'confirm', team.projectManager, 'confirmed', CONFIRM);
    await this.decide(task, 'prepare', team.members[0], 'prepared', PREPARATION);
    await this.decide(task, 'field-visit', team.projectManager, 'visited', FIELD_VISIT);
    await this.decide(task, 'draft', team.members[0], 'reviewed', DRAFT(team.projectManager));
    await this.decide(task, 'upload', team.projectManager, 'uploaded', UPLOAD(1));
  }

  /**
   * Approves review levels, in order, as long as the case asks for one (as many as the policy
   * says): stops when `until` opens in the case or the case has ended.
   */
  async approveReviews(handle: WorkflowHandle, steps: string[], until?: string): Promise<string[]> {
    const approved: string[] = [];
    for (;;) {
      const next = await eventually(async () => {
        const open = await this.dataSource.getRepository(TaskEntity).findOne({ where: { processId: handle.workflowId, step: In(until ? [...steps, until] : steps), status: 'open' } });
        if (open) return open.step;
        const row = await this.dataSource.getRepository(ProcessEntity).findOneBy({ processId: handle.workflowId });
        return row?.status === 'completed' ? 'ended' : undefined;
      }, `next review step of ${handle.workflowId}`);
      if (next === until || next === 'ended') return approved;
      await this.decide(handle, next, reviewerOf(next), 'approve', OPINION());
      approved.push(next);
    }
  }

  /** Waits until a child case has ended (its projection row is closed). */
  async childEnded(task: WorkflowHandle): Promise<ProcessEntity> {
    return eventually(async () => {
      const row = await this.dataSource.getRepository(ProcessEntity).findOneBy({ processId: task.workflowId });
      return row?.status === 'completed' ? row : undefined;
    }, `${task.workflowId} to end`);
  }

  async deliverAndArchive(parent: WorkflowHandle): Promise<void> {
    await this.decide(parent, 'deliver', 'marketer_1', 'delivered', DELIVERY);
    await this.decide(parent, 'archive', 'archivist_1', 'filed', ARCHIVE);
  }

  countTasks(rootProcessId: string, steps: string[]): Promise<number> {
    return this.dataSource.getRepository(TaskEntity).countBy({ rootProcessId, step: In(steps) });
  }

  order(processId: string): Promise<OrderEntity> {
    return this.dataSource.getRepository(OrderEntity).findOneByOrFail({ processId });
  }

  async orderTasks(processId: string): Promise<OrderTaskEntity[]> {
    const order = await this.order(processId);
    return this.dataSource.getRepository(OrderTaskEntity).find({ where: { orderId: order.id }, order: { taskNo: 'ASC' } });
  }

  /** The versions of an order task with their opinions, oldest first. */
  async versions(orderTaskId: number, kind: string) {
    const versions = await this.dataSource.getRepository(ReportVersionEntity).find({ where: { orderTaskId, kind: kind as never }, order: { version: 'ASC' } });
    return Promise.all(
      versions.map(async (v) => ({
        version: v.version,
        status: v.status,
        uploadedBy: v.uploadedBy,
        opinions: (await this.dataSource.getRepository(ReportReviewOpinionEntity).find({ where: { reportVersionId: v.id }, order: { id: 'ASC' } })).map((o) => [o.step, o.reviewer, o.decision]),
      })),
    );
  }
}

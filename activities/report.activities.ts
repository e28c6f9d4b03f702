/**
 * The domain data P8 (investigation report) and P9 (value-added service) change: orders, their
 * investigation tasks or projects, report/plan/product versions and the review opinions.
 * Every write is idempotent (a retried or replayed activity never doubles a row).
 */
import type { RoleRef } from '../libs/domain/roles';
import { ApplicationFailure } from '@temporalio/activity';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type {
  DeliveryInput,
  DispatchedOrderTaskRow,
  DispatchOrderTasksInput,
  OrderTaskStateInput,
  OrderUpdate,
  RegisteredOrder,
  RegisterOrderInput,
  ReportVersionInput,
  ReviewOpinionInput,
  VersionRef,
} from '../libs/contracts/report-contracts';
import { ReportThresholds } from '../libs/domain/report-policy';
import { OrderEntity } from '../libs/persistence/entities/order.entity';
import { OrderTaskEntity } from '../libs/persistence/entities/order-task.entity';
import { ReportReviewOpinionEntity } from '../libs/persistence/entities/report-review-opinion.entity';
import { ReportVersionEntity } from '../libs/persistence/entities/report-version.entity';
import { reportThresholds } from '../libs/config/settings';
import { WorkflowFailureType } from '../libs/contracts/failure-types';
import type { ActivityDeps } from './index';
import { usersHolding } from './notify';

/** A calendar date from a form (YYYY-MM-DD) as the start of that day in China. */
function chinaDate(date: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00+08:00` : date);
}

export function createReportActivities({ dataSource }: ActivityDeps) {
  const orders = () => dataSource.getRepository(OrderEntity);

  async function versionId(ref: VersionRef): Promise<number> {
    const row = await dataSource.getRepository(ReportVersionEntity).findOneBy({ orderTaskId: ref.orderTaskId, kind: ref.kind, version: ref.version });
    if (!row) throw ApplicationFailure.nonRetryable(`no ${ref.kind} version ${ref.version} of order task ${ref.orderTaskId}`, WorkflowFailureType.ReportVersionNotFound);
    return row.id;
  }

  return {
    /** The configured amounts (INVESTIGATION_COMMITTEE_THRESHOLD, CONTRACT_CENTER_HEAD_THRESHOLD), read once per case. */
    async reportThresholds(): Promise<ReportThresholds> {
      try {
        return reportThresholds();
      } catch (error) {
        throw ApplicationFailure.nonRetryable((error as Error).message, WorkflowFailureType.BadConfiguration);
      }
    },

    /** Which of these usernames are not active holders of the role (a dispatched marketer or analyst). */
    async usersLackingRole(input: { usernames: string[]; role: RoleRef }): Promise<string[]> {
      const holders = new Set(await usersHolding(dataSource.manager, input.role));
      return [...new Set(input.usernames)].filter((u) => !holders.has(u));
    },

    /** The application as received: the order row (state `received`). */
    async registerOrder(input: RegisterOrderInput): Promise<RegisteredOrder> {
      const prefix = input.service === 'investigation-report' ? 'DC' : 'ZZ';
      const orderNo = `${prefix}${input.receivedAt.slice(0, 10).replace(/-/g, '')}-${input.processId.split('-').pop()!.slice(0, 8).toUpperCase()}`;
      const a = input.application;
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(OrderEntity)
        .values({
          processId: input.processId,
          orderNo,
          service: input.service,
          productType: input.productType,
          clientName: a.clientName,
          clientIdNo: a.clientIdNo,
          contactName: a.contactName,
          contactPhone: a.contactPhone,
          subjects: a.subjects,
          amount: a.amount,
          state: 'received',
          createdAt: new Date(input.receivedAt),
        } as QueryDeepPartialEntity<OrderEntity>)
        .orIgnore()
        .execute();
      const order = await orders().findOneByOrFail({ processId: input.processId });
      return { orderId: order.id, orderNo: order.orderNo };
    },

    /** The order moves on: its state and what the step recorded (marketer, contract, payment, approvals). */
    async updateOrder(input: OrderUpdate): Promise<void> {
      await orders().update(input.orderId, {
        state: input.state,
        ...(input.reason !== undefined && { stateReason: input.reason }),
        ...(input.marketer !== undefined && { marketer: input.marketer }),
        ...(input.contractNo !== undefined && { contractNo: input.contractNo }),
        ...(input.contractSignedOn !== undefined && { contractSignedAt: chinaDate(input.contractSignedOn) }),
        ...(input.contractApprovedBy !== undefined && { contractApprovedBy: input.contractApprovedBy }),
        ...(input.paidOn !== undefined && { paidAt: chinaDate(input.paidOn) }),
        ...(input.paymentRef !== undefined && { paymentRef: input.paymentRef }),
        ...(input.amountReceived !== undefined && { amountReceived: input.amountReceived }),
      });
    },

    /** 任务分派: one row per investigation task or project, with its team and review level. */
    async dispatchOrderTasks(input: DispatchOrderTasksInput): Promise<DispatchedOrderTaskRow[]> {
      await dataSource.transaction(async (tx) => {
        await tx
          .createQueryBuilder()
          .insert()
          .into(OrderTaskEntity)
          .values(
            input.tasks.map((t) => ({
              orderId: input.orderId,
              taskNo: t.taskNo,
              processId: t.processId,
              title: t.title,
              targetName: t.targetName,
              targetCode: t.targetCode ?? null,
              projectManager: t.projectManager,
              members: t.members,
              reviewLevel: t.reviewLevel,
              state: 'dispatched' as const,
              dueInWorkingDays: t.dueInWorkingDays ?? null,
              createdAt: new Date(input.dispatchedAt),
            })),
          )
          .orIgnore()
          .execute();
        await tx.update(OrderEntity, { id: input.orderId }, { state: 'dispatched' });
      });
      const rows = await dataSource.getRepository(OrderTaskEntity).findBy({ orderId: input.orderId });
      return rows.map((row) => ({ taskNo: row.taskNo, orderTaskId: row.id })).sort((a, b) => a.taskNo - b.taskNo);
    },

    async setOrderTaskState(input: OrderTaskStateInput): Promise<void> {
      await dataSource.getRepository(OrderTaskEntity).update(input.orderTaskId, { state: input.state, ...(input.state === 'passed' && { passedAt: new Date(input.at) }) });
    },

    /** An upload: the next version of the report, plan or product, submitted for review. */
    async recordReportVersion(input: ReportVersionInput): Promise<void> {
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(ReportVersionEntity)
        .values({
          orderTaskId: input.orderTaskId,
          kind: input.kind,
          version: input.version,
          documentNo: input.documentNo,
          title: input.title,
          fileRef: input.fileRef,
          dataRef: input.dataRef ?? null,
          summary: input.summary ?? null,
          uploadedBy: input.uploadedBy,
          uploadedAt: new Date(input.uploadedAt),
          status: 'submitted',
        })
        .orIgnore()
        .execute();
    },

    /**
     * One level's opinion on a version (报告评审意见书 / 方案评审意见书). A rejection marks the
     * version rejected; the last level's approval marks it approved.
     */
    async recordReviewOpinion(input: ReviewOpinionInput): Promise<void> {
      const reportVersionId = await versionId(input);
      await dataSource.transaction(async (tx) => {
        await tx
          .createQueryBuilder()
          .insert()
          .into(ReportReviewOpinionEntity)
          .values({
            reportVersionId,
            step: input.step,
            level: input.level,
            reviewer: input.reviewer,
            decision: input.decision,
            opinion: input.opinion,
            reviewSituation: input.reviewSituation ?? null,
            decidedAt: new Date(input.decidedAt),
          })
          .orIgnore()
          .execute();
        if (input.decision === 'reject') await tx.update(ReportVersionEntity, { id: reportVersionId }, { status: 'rejected' });
        else if (input.final) await tx.update(ReportVersionEntity, { id: reportVersionId }, { status: 'approved' });
      });
    },

    /** 产品交付登记表: the order delivered, by whom and how. */
    async recordDelivery(input: DeliveryInput): Promise<void> {
      await orders().update(input.orderId, { state: 'delivered', deliveredBy: input.deliveredBy, deliveryMethod: input.deliveryMethod, deliveredAt: chinaDate(input.deliveredOn) });
    },
  };
}

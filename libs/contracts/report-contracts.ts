/**
 * What the P8/P9 workflows hand to the report activities (activities/report.activities.ts):
 * one definition of each payload, imported on both sides. Types only.
 */
import type { OrderApplication, OrderService, OrderTaskState } from '../domain/report-policy';
import type { OrderState } from '../persistence/entities/order.entity';
import type { ReportVersionKind } from '../persistence/entities/report-version.entity';

/** The application as received (registerOrder). */
export interface RegisterOrderInput {
  processId: string;
  service: OrderService;
  productType: string;
  application: OrderApplication;
  receivedAt: string;
}

export interface RegisteredOrder {
  orderId: number;
  orderNo: string;
}

/** The order moves on: its state and what the step recorded (updateOrder). */
export interface OrderUpdate {
  orderId: number;
  state: OrderState;
  reason?: string;
  marketer?: string;
  contractNo?: string;
  contractSignedOn?: string;
  contractApprovedBy?: string[];
  paidOn?: string;
  paymentRef?: string;
  amountReceived?: number;
}

/** One investigation task or value-added project as dispatched, before its row exists. */
export interface OrderTaskDraft {
  taskNo: number;
  processId: string;
  title: string;
  targetName: string;
  targetCode?: string;
  projectManager: string;
  members: string[];
  reviewLevel: number;
  dueInWorkingDays?: number;
}

export interface DispatchOrderTasksInput {
  orderId: number;
  tasks: OrderTaskDraft[];
  dispatchedAt: string;
}

export interface DispatchedOrderTaskRow {
  taskNo: number;
  orderTaskId: number;
}

export interface OrderTaskStateInput {
  orderTaskId: number;
  state: OrderTaskState;
  at: string;
}

/** One version of a task's report, plan or product. */
export interface VersionRef {
  orderTaskId: number;
  kind: ReportVersionKind;
  version: number;
}

/** The version row an upload form gives (recordReportVersion, without who and when). */
export interface VersionContent {
  documentNo: string;
  title: string;
  fileRef: string;
  dataRef?: string;
  summary?: string;
}

export interface ReportVersionInput extends VersionRef, VersionContent {
  uploadedBy: string;
  uploadedAt: string;
}

/** One level's opinion on a version (报告评审意见书 / 方案评审意见书). */
export interface ReviewOpinionInput extends VersionRef {
  step: string;
  level: number;
  reviewer: string;
  decision: 'approve' | 'reject';
  opinion: string;
  reviewSituation?: string;
  decidedAt: string;
  /** The last level's approval marks the version approved. */
  final: boolean;
}

/** 产品交付登记表: the order delivered, by whom and how (recordDelivery). */
export interface DeliveryInput {
  orderId: number;
  deliveredBy: string;
  deliveryMethod: string;
  deliveredOn: string;
}

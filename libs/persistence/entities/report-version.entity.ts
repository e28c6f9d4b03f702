import { Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrderTaskEntity } from './order-task.entity';
import { Int, Text, Timestamp, Varchar } from '../columns';

export type ReportVersionKind = 'report' | 'plan' | 'product';
export type ReportVersionStatus = 'submitted' | 'rejected' | 'approved';

/**
 * Every upload of a report (P8 §59–60), a value-added plan (§67) or product (§69): each revision
 * after a rejection is a new version ("每次需将修改后的报告重新上传至系统中").
 */
@Entity('report_versions')
@Unique('uq_report_versions_task_kind_version', ['orderTaskId', 'kind', 'version'])
export class ReportVersionEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_report_versions' })
  id!: number;

  @Int('order_task_id') orderTaskId!: number;

  @ManyToOne(() => OrderTaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_task_id', foreignKeyConstraintName: 'fk_report_versions_order_task' })
  orderTask!: OrderTaskEntity;

  @Varchar() kind!: ReportVersionKind;

  @Int() version!: number;

  /** The report, plan or product number. */
  @Varchar('document_no') documentNo!: string;

  @Varchar() title!: string;

  @Varchar('file_ref') fileRef!: string;

  /** The investigation data uploaded with a report. */
  @Varchar('data_ref', { nullable: true }) dataRef!: string | null;

  @Text({ nullable: true }) summary!: string | null;

  @Varchar('uploaded_by') uploadedBy!: string;

  @Timestamp('uploaded_at') uploadedAt!: Date;

  @Varchar({ default: 'submitted' }) status!: ReportVersionStatus;
}

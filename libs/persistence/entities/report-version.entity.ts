import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrderTaskEntity } from './order-task.entity';

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

  @Column({ name: 'order_task_id' })
  orderTaskId!: number;

  @ManyToOne(() => OrderTaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_task_id', foreignKeyConstraintName: 'fk_report_versions_order_task' })
  orderTask!: OrderTaskEntity;

  @Column({ type: 'varchar' })
  kind!: ReportVersionKind;

  @Column({ type: 'int' })
  version!: number;

  /** The report, plan or product number. */
  @Column({ name: 'document_no' })
  documentNo!: string;

  @Column()
  title!: string;

  @Column({ name: 'file_ref' })
  fileRef!: string;

  /** The investigation data uploaded with a report. */
  @Column({ name: 'data_ref', type: 'varchar', nullable: true })
  dataRef!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ name: 'uploaded_by' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;

  @Column({ type: 'varchar', default: 'submitted' })
  status!: ReportVersionStatus;
}

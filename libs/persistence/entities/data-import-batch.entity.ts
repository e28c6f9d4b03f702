import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ErrorNotice } from '../../domain/data-policy';
import type { BatchRow } from '../../domain/data-records';

export type ImportBatchStatus = 'approved' | 'imported' | 'loaded';

/**
 * One import and load of a data file (数据导入文件登记表, 001 附件6, with the result filled in):
 * every record's way into the base database (基础库) and the credit database (征信库).
 */
@Entity('data_import_batches')
@Unique('uq_data_import_batches_process', ['processId'])
export class DataImportBatchEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_data_import_batches' })
  id!: number;

  /** The P6 case. */
  @Column({ name: 'process_id' })
  processId!: string;

  @Column({ name: 'file_id' })
  fileId!: number;

  @Column({ name: 'register_no' })
  registerNo!: string;

  @Column({ type: 'varchar', default: 'approved' })
  status!: ImportBatchStatus;

  @Column({ name: 'records_total' })
  recordsTotal!: number;

  @Column({ name: 'records_in', default: 0 })
  recordsIn!: number;

  @Column({ name: 'records_rejected', default: 0 })
  recordsRejected!: number;

  @Column({ name: 'records_loaded', default: 0 })
  recordsLoaded!: number;

  @Column({ name: 'records_excluded', default: 0 })
  recordsExcluded!: number;

  @Column({ name: 'load_attempts', default: 0 })
  loadAttempts!: number;

  @Column({ type: 'jsonb' })
  rows!: BatchRow[];

  @Column({ name: 'registered_by' })
  registeredBy!: string;

  @Column({ name: 'register_supervised_by' })
  registerSupervisedBy!: string;

  @Column({ name: 'approved_by' })
  approvedBy!: string;

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt!: Date;

  @Column({ name: 'imported_by', type: 'varchar', nullable: true })
  importedBy!: string | null;

  @Column({ name: 'imported_at', type: 'timestamptz', nullable: true })
  importedAt!: Date | null;

  /** 差错文件返还通知书 for the rejected records. */
  @Column({ name: 'error_notice', type: 'jsonb', nullable: true })
  errorNotice!: ErrorNotice | null;

  @Column({ name: 'loaded_by', type: 'varchar', nullable: true })
  loadedBy!: string | null;

  /** The IT dept_head who authorised the last load on site. */
  @Column({ name: 'authorised_by', type: 'varchar', nullable: true })
  authorisedBy!: string | null;

  @Column({ name: 'loaded_at', type: 'timestamptz', nullable: true })
  loadedAt!: Date | null;
}

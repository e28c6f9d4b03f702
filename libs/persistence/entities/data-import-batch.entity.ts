import { Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ErrorNotice } from '../../domain/data-policy';
import type { BatchRow } from '../../domain/data-records';
import { Int, Jsonb, Timestamp, Varchar } from '../columns';

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
  @Varchar('process_id') processId!: string;

  @Int('file_id') fileId!: number;

  @Varchar('register_no') registerNo!: string;

  @Varchar({ default: 'approved' }) status!: ImportBatchStatus;

  @Int('records_total') recordsTotal!: number;

  @Int('records_in', { default: 0 }) recordsIn!: number;

  @Int('records_rejected', { default: 0 }) recordsRejected!: number;

  @Int('records_loaded', { default: 0 }) recordsLoaded!: number;

  @Int('records_excluded', { default: 0 }) recordsExcluded!: number;

  @Int('load_attempts', { default: 0 }) loadAttempts!: number;

  @Jsonb() rows!: BatchRow[];

  @Varchar('registered_by') registeredBy!: string;

  @Varchar('register_supervised_by') registerSupervisedBy!: string;

  @Varchar('approved_by') approvedBy!: string;

  @Timestamp('approved_at') approvedAt!: Date;

  @Varchar('imported_by', { nullable: true }) importedBy!: string | null;

  @Timestamp('imported_at', { nullable: true }) importedAt!: Date | null;

  /** 差错文件返还通知书 for the rejected records. */
  @Jsonb('error_notice', { nullable: true }) errorNotice!: ErrorNotice | null;

  @Varchar('loaded_by', { nullable: true }) loadedBy!: string | null;

  /** The IT dept_head who authorised the last load on site. */
  @Varchar('authorised_by', { nullable: true }) authorisedBy!: string | null;

  @Timestamp('loaded_at', { nullable: true }) loadedAt!: Date | null;
}

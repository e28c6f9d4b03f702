import { Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { BatchRow } from '../../domain/data-records';
import { Int, Jsonb, Text, Timestamp, Varchar } from '../columns';

/** 装载差错文件登记表 (001 附件7): one per load attempt that produced an error file. */
@Entity('data_load_errors')
@Unique('uq_data_load_errors_batch_attempt', ['batchId', 'attempt'])
export class DataLoadErrorEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_data_load_errors' })
  id!: number;

  @Int('batch_id') batchId!: number;

  @Int() attempt!: number;

  @Varchar('error_file_name') errorFileName!: string;

  @Int() records!: number;

  @Text() cause!: string;

  @Text() remedy!: string;

  /** `rematched`: the subject was verified and the records reload; `excluded`: they stay out of the credit database. */
  @Varchar() resolution!: string;

  @Jsonb() rows!: BatchRow[];

  @Varchar('registered_by') registeredBy!: string;

  @Timestamp('registered_at') registeredAt!: Date;
}

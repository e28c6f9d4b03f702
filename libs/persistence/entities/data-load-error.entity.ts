import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { BatchRow } from '../../domain/data-records';

/** 装载差错文件登记表 (001 附件7): one per load attempt that produced an error file. */
@Entity('data_load_errors')
@Unique('uq_data_load_errors_batch_attempt', ['batchId', 'attempt'])
export class DataLoadErrorEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_data_load_errors' })
  id!: number;

  @Column({ name: 'batch_id' })
  batchId!: number;

  @Column()
  attempt!: number;

  @Column({ name: 'error_file_name' })
  errorFileName!: string;

  @Column()
  records!: number;

  @Column({ type: 'text' })
  cause!: string;

  @Column({ type: 'text' })
  remedy!: string;

  /** `rematched`: the subject was verified and the records reload; `excluded`: they stay out of the credit database. */
  @Column()
  resolution!: string;

  @Column({ type: 'jsonb' })
  rows!: BatchRow[];

  @Column({ name: 'registered_by' })
  registeredBy!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}

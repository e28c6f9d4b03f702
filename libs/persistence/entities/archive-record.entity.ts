import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Timestamp, Varchar } from '../columns';

/** A case's forms and documents, filed with the archivist's receipt (归档). */
@Entity('archive_records')
@Unique('uq_archive_records_process', ['processId'])
export class ArchiveRecordEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Varchar('process_id') processId!: string;

  @Varchar('process_type') processType!: string;

  @Column({ type: 'jsonb' })
  documents!: Array<{ name: string; ref?: string }>;

  @Varchar('received_by') receivedBy!: string;

  @Timestamp('filed_at') filedAt!: Date;

  @Varchar('receipt_no') receiptNo!: string;
}

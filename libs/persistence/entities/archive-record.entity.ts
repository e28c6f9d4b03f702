import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A case's forms and documents, filed with the archivist's receipt (归档). */
@Entity('archive_records')
@Unique('uq_archive_records_process', ['processId'])
export class ArchiveRecordEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'process_id' })
  processId!: string;

  @Column({ name: 'process_type' })
  processType!: string;

  @Column({ type: 'jsonb' })
  documents!: Array<{ name: string; ref?: string }>;

  @Column({ name: 'received_by' })
  receivedBy!: string;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Column({ name: 'receipt_no' })
  receiptNo!: string;
}

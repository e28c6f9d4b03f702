import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * One disputed-able item of a subject's credit record, as both databases hold it:
 * the base database (基础库, what providers sent) and the credit database (征信库, what reports show).
 */
@Entity('credit_items')
@Unique('uq_credit_items_subject_item', ['subjectCode', 'itemName'])
export class CreditItemEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'subject_code' })
  subjectCode!: string;

  @Column({ name: 'subject_name' })
  subjectName!: string;

  @Column({ name: 'item_name' })
  itemName!: string;

  @Column({ name: 'provider_name' })
  providerName!: string;

  @Column({ name: 'base_value', type: 'text', nullable: true })
  baseValue!: string | null;

  @Column({ name: 'credit_value', type: 'text', nullable: true })
  creditValue!: string | null;

  /** 异议标注: set while an objection is open, naming the case. */
  @Column({ name: 'objection_process_id', type: 'varchar', nullable: true })
  objectionProcessId!: string | null;

  @Column({ default: true })
  disclosed!: boolean;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  /** Why the item was deleted, stopped, or what the check found (记载). */
  @Column({ type: 'text', nullable: true })
  annotation!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

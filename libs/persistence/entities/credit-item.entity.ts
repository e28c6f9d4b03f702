import { Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Bool, Text, Timestamp, Varchar } from '../columns';

/**
 * One disputed-able item of a subject's credit record, as both databases hold it:
 * the base database (基础库, what providers sent) and the credit database (征信库, what reports show).
 */
@Entity('credit_items')
@Unique('uq_credit_items_subject_item', ['subjectCode', 'itemName'])
export class CreditItemEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Varchar('subject_code') subjectCode!: string;

  @Varchar('subject_name') subjectName!: string;

  @Varchar('item_name') itemName!: string;

  @Varchar('provider_name') providerName!: string;

  @Text('base_value', { nullable: true }) baseValue!: string | null;

  @Text('credit_value', { nullable: true }) creditValue!: string | null;

  /** 异议标注: set while an objection is open, naming the case. */
  @Varchar('objection_process_id', { nullable: true }) objectionProcessId!: string | null;

  @Bool({ default: true }) disclosed!: boolean;

  @Timestamp('deleted_at', { nullable: true }) deletedAt!: Date | null;

  /** Why the item was deleted, stopped, or what the check found (记载). */
  @Text({ nullable: true }) annotation!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

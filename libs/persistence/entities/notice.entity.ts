import { CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Text, Timestamp, Varchar } from '../columns';

export type NoticeKind = 'escalation' | 'new-task' | 'info';

@Entity('notices')
@Index('ix_notices_recipient', ['recipient', 'readAt'])
@Unique('uq_notices_once', ['recipient', 'dedupeKey'])
export class NoticeEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Varchar() recipient!: string;

  @Varchar() kind!: NoticeKind;

  @Varchar() title!: string;

  @Text({ default: '' }) body!: string;

  @Varchar('process_id', { nullable: true }) processId!: string | null;

  @Varchar('task_id', { nullable: true }) taskId!: string | null;

  /** Activities retry; the same notice must not arrive twice. */
  @Varchar('dedupe_key') dedupeKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Timestamp('read_at', { nullable: true }) readAt!: Date | null;
}

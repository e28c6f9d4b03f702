import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type NoticeKind = 'escalation' | 'new-task' | 'info';

@Entity('notices')
@Index('ix_notices_recipient', ['recipient', 'readAt'])
@Unique('uq_notices_once', ['recipient', 'dedupeKey'])
export class NoticeEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  recipient!: string;

  @Column({ type: 'varchar' })
  kind!: NoticeKind;

  @Column()
  title!: string;

  @Column({ type: 'text', default: '' })
  body!: string;

  @Column({ name: 'process_id', type: 'varchar', nullable: true })
  processId!: string | null;

  @Column({ name: 'task_id', type: 'varchar', nullable: true })
  taskId!: string | null;

  /** Activities retry; the same notice must not arrive twice. */
  @Column({ name: 'dedupe_key' })
  dedupeKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only; each row carries the hash of the previous one, so a gap or an edit shows. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column()
  actor!: string;

  @Column()
  action!: string;

  @Column({ name: 'process_id', type: 'varchar', nullable: true })
  processId!: string | null;

  @Column({ name: 'task_id', type: 'varchar', nullable: true })
  taskId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  detail!: Record<string, unknown>;

  @Column({ name: 'prev_hash' })
  prevHash!: string;

  @Column()
  hash!: string;
}

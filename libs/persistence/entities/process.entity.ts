import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export type ProcessStatus = 'running' | 'completed' | 'failed' | 'terminated';

/** The case projection: what the inbox and case lists read without asking Temporal. */
@Entity('processes')
@Unique('uq_processes_idempotency_key', ['startedBy', 'idempotencyKey'])
@Index('ix_processes_type_status', ['processType', 'status'])
@Index('ix_processes_started_at', { synchronize: false })
export class ProcessEntity {
  @PrimaryColumn({ name: 'process_id' })
  processId!: string;

  @Column({ name: 'process_type' })
  processType!: string;

  @Column({ type: 'varchar', nullable: true })
  policy!: string | null;

  @Column({ type: 'varchar', default: 'running' })
  status!: ProcessStatus;

  @Column({ type: 'varchar', nullable: true })
  outcome!: string | null;

  @Column({ name: 'business_status', default: 'started' })
  businessStatus!: string;

  @Column({ default: '' })
  title!: string;

  @Column({ name: 'started_by' })
  startedBy!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'due_provisional', default: false })
  dueProvisional!: boolean;

  @Column({ name: 'sla_breached', default: false })
  slaBreached!: boolean;

  @Column({ name: 'parent_id', type: 'varchar', nullable: true })
  parentId!: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: 'jsonb' })
  input!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;
}

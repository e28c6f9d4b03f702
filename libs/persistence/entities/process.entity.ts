import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { Bool, Jsonb, Timestamp, Varchar } from '../columns';

export type ProcessStatus = 'running' | 'completed' | 'failed' | 'terminated';

/** The case projection: what the inbox and case lists read without asking Temporal. */
@Entity('processes')
@Unique('uq_processes_idempotency_key', ['startedBy', 'idempotencyKey'])
@Index('ix_processes_type_status', ['processType', 'status'])
@Index('ix_processes_started_at', { synchronize: false })
export class ProcessEntity {
  @PrimaryColumn({ name: 'process_id' })
  processId!: string;

  @Varchar('process_type') processType!: string;

  @Varchar({ nullable: true }) policy!: string | null;

  @Varchar({ default: 'running' }) status!: ProcessStatus;

  @Varchar({ nullable: true }) outcome!: string | null;

  @Varchar('business_status', { default: 'started' }) businessStatus!: string;

  @Varchar({ default: '' }) title!: string;

  @Varchar('started_by') startedBy!: string;

  @Timestamp('started_at') startedAt!: Date;

  @Timestamp('closed_at', { nullable: true }) closedAt!: Date | null;

  @Timestamp('due_at', { nullable: true }) dueAt!: Date | null;

  @Bool('due_provisional', { default: false }) dueProvisional!: boolean;

  @Bool('sla_breached', { default: false }) slaBreached!: boolean;

  @Varchar('parent_id', { nullable: true }) parentId!: string | null;

  @Varchar('idempotency_key', { nullable: true }) idempotencyKey!: string | null;

  @Jsonb() input!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;
}

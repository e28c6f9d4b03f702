import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RoleRef } from '../../domain/roles';
import { Bool, Int, Jsonb, Text, TextArray, Timestamp, Varchar } from '../columns';

export type TaskStatus = 'open' | 'claimed' | 'completed' | 'cancelled';

/** The inbox: one row per human task, written by workflow activities and API claims. */
@Entity('tasks')
@Index('ix_tasks_status_due', ['status', 'dueAt'])
@Index('ix_tasks_process', ['processId'])
// GIN and partial indexes are made by a hand-written migration (1795400000000-inbox-indexes).
@Index('ix_tasks_candidate_roles', { synchronize: false })
@Index('ix_tasks_completed_by', { synchronize: false })
export class TaskEntity {
  @PrimaryColumn({ name: 'task_id' })
  taskId!: string;

  @Varchar('process_id') processId!: string;

  /** The top-level case, so a parent's page shows its children's open tasks. */
  @Varchar('root_process_id') rootProcessId!: string;

  @Varchar('process_type') processType!: string;

  @Varchar() step!: string;

  @Int() round!: number;

  @Varchar() title!: string;

  @TextArray('candidate_roles') candidateRoles!: RoleRef[];

  /** Four-eyes: people who acted on a step this one must be done by someone else than. */
  @Column({ name: 'excluded_users', type: 'text', array: true, default: '{}' })
  excludedUsers!: string[];

  /** When not empty, only these users (who must also hold a candidate role) may take the task, e.g. the named project manager. */
  @Column({ name: 'candidate_users', type: 'text', array: true, default: '{}' })
  candidateUsers!: string[];

  @Jsonb() decisions!: string[];

  /** Decisions that need a reason (comment). */
  @Jsonb('reason_required', { default: [] }) reasonRequired!: string[];

  @Varchar('form_key', { nullable: true }) formKey!: string | null;

  @Column({ type: 'jsonb', default: {} })
  prefill!: Record<string, unknown>;

  @Varchar({ default: 'open' }) status!: TaskStatus;

  @Varchar({ nullable: true }) assignee!: string | null;

  @Timestamp('created_at') createdAt!: Date;

  @Timestamp('due_at', { nullable: true }) dueAt!: Date | null;

  @Bool('due_provisional', { default: false }) dueProvisional!: boolean;

  /** A hard deadline: the task expires (the process takes another branch) rather than escalating. */
  @Bool('expires', { default: false }) expires!: boolean;

  @Timestamp('escalated_at', { nullable: true }) escalatedAt!: Date | null;

  @Varchar('completed_by', { nullable: true }) completedBy!: string | null;

  @Timestamp('completed_at', { nullable: true }) completedAt!: Date | null;

  /** Set when the workflow itself accepted the decision (after the API gate took it). */
  @Timestamp('accepted_at', { nullable: true }) acceptedAt!: Date | null;

  @Varchar({ nullable: true }) decision!: string | null;

  @Text({ nullable: true }) comment!: string | null;

  @Jsonb({ nullable: true }) data!: Record<string, unknown> | null;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RoleRef } from '../../domain/roles';

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

  @Column({ name: 'process_id' })
  processId!: string;

  /** The top-level case, so a parent's page shows its children's open tasks. */
  @Column({ name: 'root_process_id' })
  rootProcessId!: string;

  @Column({ name: 'process_type' })
  processType!: string;

  @Column()
  step!: string;

  @Column({ type: 'int' })
  round!: number;

  @Column()
  title!: string;

  @Column({ name: 'candidate_roles', type: 'text', array: true })
  candidateRoles!: RoleRef[];

  /** Four-eyes: people who acted on a step this one must be done by someone else than. */
  @Column({ name: 'excluded_users', type: 'text', array: true, default: '{}' })
  excludedUsers!: string[];

  /** When not empty, only these users (who must also hold a candidate role) may take the task, e.g. the named project manager. */
  @Column({ name: 'candidate_users', type: 'text', array: true, default: '{}' })
  candidateUsers!: string[];

  @Column({ type: 'jsonb' })
  decisions!: string[];

  /** Decisions that need a reason (comment). */
  @Column({ name: 'reason_required', type: 'jsonb', default: [] })
  reasonRequired!: string[];

  @Column({ name: 'form_key', type: 'varchar', nullable: true })
  formKey!: string | null;

  @Column({ type: 'jsonb', default: {} })
  prefill!: Record<string, unknown>;

  @Column({ type: 'varchar', default: 'open' })
  status!: TaskStatus;

  @Column({ type: 'varchar', nullable: true })
  assignee!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'due_provisional', default: false })
  dueProvisional!: boolean;

  /** A hard deadline: the task expires (the process takes another branch) rather than escalating. */
  @Column({ name: 'expires', default: false })
  expires!: boolean;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ name: 'completed_by', type: 'varchar', nullable: true })
  completedBy!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** Set when the workflow itself accepted the decision (after the API gate took it). */
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'varchar', nullable: true })
  decision!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;
}

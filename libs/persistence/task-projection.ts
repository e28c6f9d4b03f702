/**
 * The task projection (the inbox) and every transition of a task row, in one class: the
 * activities open, accept, refuse, escalate, expire and cancel; the API gate claims, releases,
 * takes and gives back. Each transition is one conditional statement, so of two racing
 * transitions exactly one applies (the caller learns which from the boolean it returns).
 */
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TaskEntity } from './entities';

export type NewTask = Omit<
  TaskEntity,
  'status' | 'assignee' | 'escalatedAt' | 'completedBy' | 'completedAt' | 'acceptedAt' | 'decision' | 'comment' | 'data'
>;

export interface TakenDecision {
  username: string;
  decision: string;
  comment: string | null;
  data: Record<string, unknown>;
  decidedAt: Date;
}

const affected = (result: { affected?: number | null }): boolean => (result.affected ?? 0) > 0;

export class TaskProjection {
  constructor(private readonly db: EntityManager) {}

  /** A task over a transaction, for transitions that commit together with other rows. */
  static in(tx: EntityManager): TaskProjection {
    return new TaskProjection(tx);
  }

  find(taskId: string): Promise<TaskEntity | null> {
    return this.db.findOneBy(TaskEntity, { taskId });
  }

  /** Idempotent on the task id (process + step + round): a retry or a replay never opens two. */
  async open(task: NewTask): Promise<boolean> {
    const inserted = await this.db
      .createQueryBuilder()
      .insert()
      .into(TaskEntity)
      .values({ ...task, status: 'open' } as QueryDeepPartialEntity<TaskEntity>)
      .orIgnore()
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  async claim(taskId: string, username: string): Promise<boolean> {
    return affected(await this.db.update(TaskEntity, { taskId, status: 'open' }, { status: 'claimed', assignee: username }));
  }

  async release(taskId: string, username: string): Promise<boolean> {
    return affected(await this.db.update(TaskEntity, { taskId, status: 'claimed', assignee: username }, { status: 'open', assignee: null }));
  }

  /**
   * The gate takes the task for a decision before signalling: open (or claimed by this person),
   * not yet accepted, its case still running. One statement, so one of two racing people wins.
   */
  async take(taskId: string, taken: TakenDecision): Promise<boolean> {
    const rows: unknown[][] = await this.db.query(
      `UPDATE tasks SET status = 'completed', assignee = $2, completed_by = $2, completed_at = $3, decision = $4, comment = $5, data = $6
        WHERE task_id = $1 AND accepted_at IS NULL AND (status = 'open' OR (status = 'claimed' AND assignee = $2))
          AND EXISTS (SELECT 1 FROM processes p WHERE p.process_id = tasks.process_id AND p.status = 'running')
        RETURNING task_id`,
      [taskId, taken.username, taken.decidedAt, taken.decision, taken.comment, JSON.stringify(taken.data)],
    );
    return rows[0].length > 0;
  }

  /** The decision could not be delivered: the task is as it was before `take`. */
  async giveBack(taskId: string, username: string, before: Pick<TaskEntity, 'status' | 'assignee'>): Promise<void> {
    await this.db.query(
      `UPDATE tasks SET status = $3, assignee = $4, completed_by = NULL, completed_at = NULL, decision = NULL, comment = NULL, data = NULL
        WHERE task_id = $1 AND completed_by = $2 AND accepted_at IS NULL`,
      [taskId, username, before.status, before.assignee],
    );
  }

  /** The workflow took the decision: the projection shows it completed by that person. */
  async accept(taskId: string, taken: TakenDecision): Promise<void> {
    await this.db.update(TaskEntity, { taskId }, {
      status: 'completed',
      completedBy: taken.username,
      completedAt: taken.decidedAt,
      decision: taken.decision,
      comment: taken.comment,
      data: taken.data,
      acceptedAt: new Date(),
    } as QueryDeepPartialEntity<TaskEntity>);
  }

  /** The workflow refused a decision (e.g. one sent around the API): the task is open again. */
  async reopenRefused(taskId: string, username: string): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ status: 'open', assignee: null, completedBy: null, completedAt: null, decision: null, comment: null, data: null })
      .where('task_id = :taskId AND completed_by = :username AND accepted_at IS NULL', { taskId, username })
      .execute();
  }

  /** The SLA passed: the task stays open, marked escalated once. */
  async markEscalated(taskId: string, at: Date): Promise<void> {
    await this.db.createQueryBuilder().update(TaskEntity).set({ escalatedAt: at }).where('task_id = :taskId AND escalated_at IS NULL', { taskId }).execute();
  }

  /** A hard deadline passed first: closed without a decision. */
  async expire(taskId: string, at: Date): Promise<void> {
    await this.db.update(TaskEntity, { taskId }, { status: 'cancelled', completedAt: at, decision: 'expired', assignee: null });
  }

  /** The case ended: any task of it still open can no longer be decided. */
  async cancelOpenOf(processId: string, at: Date): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ status: 'cancelled', completedAt: at, assignee: null })
      .where("process_id = :processId AND status IN ('open', 'claimed') AND accepted_at IS NULL", { processId })
      .execute();
  }
}

import { Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { OrderTaskState } from '../../domain/report-policy';
import { OrderEntity } from './order.entity';
import { Int, TextArray, Timestamp, Varchar } from '../columns';

export type { OrderTaskState };

/**
 * One investigation task (P8, 001 §54) or value-added project (P9, §65) of an order: its project
 * team, review level and state. Each runs as a child case (`process_id`).
 */
@Entity('order_tasks')
@Unique('uq_order_tasks_order_task_no', ['orderId', 'taskNo'])
@Unique('uq_order_tasks_process', ['processId'])
export class OrderTaskEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_order_tasks' })
  id!: number;

  @Int('order_id') orderId!: number;

  @ManyToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_order_tasks_order' })
  order!: OrderEntity;

  /** 1, 2, … within the order. */
  @Int('task_no') taskNo!: number;

  /** The child case that carries the task. */
  @Varchar('process_id') processId!: string;

  @Varchar() title!: string;

  @Varchar('target_name') targetName!: string;

  @Varchar('target_code', { nullable: true }) targetCode!: string | null;

  @Varchar('project_manager') projectManager!: string;

  @TextArray() members!: string[];

  /** Review levels the report (P8) or the product (P9) passes: 0–3. */
  @Int('review_level') reviewLevel!: number;

  @Varchar() state!: OrderTaskState;

  @Int('due_in_working_days', { nullable: true }) dueInWorkingDays!: number | null;

  @Timestamp('created_at') createdAt!: Date;

  @Timestamp('passed_at', { nullable: true }) passedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

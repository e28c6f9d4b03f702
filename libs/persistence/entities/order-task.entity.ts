import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { OrderTaskState } from '../../domain/report-policy';
import { OrderEntity } from './order.entity';

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

  @Column({ name: 'order_id' })
  orderId!: number;

  @ManyToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_order_tasks_order' })
  order!: OrderEntity;

  /** 1, 2, … within the order. */
  @Column({ name: 'task_no', type: 'int' })
  taskNo!: number;

  /** The child case that carries the task. */
  @Column({ name: 'process_id' })
  processId!: string;

  @Column()
  title!: string;

  @Column({ name: 'target_name' })
  targetName!: string;

  @Column({ name: 'target_code', type: 'varchar', nullable: true })
  targetCode!: string | null;

  @Column({ name: 'project_manager' })
  projectManager!: string;

  @Column({ type: 'text', array: true })
  members!: string[];

  /** Review levels the report (P8) or the product (P9) passes: 0–3. */
  @Column({ name: 'review_level', type: 'int' })
  reviewLevel!: number;

  @Column({ type: 'varchar' })
  state!: OrderTaskState;

  @Column({ name: 'due_in_working_days', type: 'int', nullable: true })
  dueInWorkingDays!: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'passed_at', type: 'timestamptz', nullable: true })
  passedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

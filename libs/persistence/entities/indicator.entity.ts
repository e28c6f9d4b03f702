import { Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Environment, IndicatorItem, IndicatorStatus } from '../../domain/product-policy';
import { Int, Jsonb, Timestamp, Varchar } from '../columns';

/**
 * The indicator catalogue (征信指标 and their 指标项), one row per environment. A deleted indicator
 * keeps its row (status `deleted`), so both environments can be compared item by item (001 §29).
 */
@Entity('indicators')
@Unique('uq_indicators_environment_code', ['environment', 'code'])
export class IndicatorEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_indicators' })
  id!: number;

  @Varchar() environment!: Environment;

  @Varchar() code!: string;

  @Varchar() name!: string;

  @Jsonb({ default: [] }) items!: IndicatorItem[];

  @Varchar('data_source', { nullable: true }) dataSource!: string | null;

  @Varchar({ default: 'active' }) status!: IndicatorStatus;

  @Int({ default: 1 }) version!: number;

  @Varchar('last_process_id', { nullable: true }) lastProcessId!: string | null;

  @Timestamp('changed_at', { nullable: true }) changedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

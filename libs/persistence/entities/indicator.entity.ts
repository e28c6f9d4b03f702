import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Environment, IndicatorItem, IndicatorStatus } from '../../domain/product-policy';

/**
 * The indicator catalogue (征信指标 and their 指标项), one row per environment. A deleted indicator
 * keeps its row (status `deleted`), so both environments can be compared item by item (001 §29).
 */
@Entity('indicators')
@Unique('uq_indicators_environment_code', ['environment', 'code'])
export class IndicatorEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_indicators' })
  id!: number;

  @Column({ type: 'varchar' })
  environment!: Environment;

  @Column()
  code!: string;

  @Column()
  name!: string;

  @Column({ type: 'jsonb', default: [] })
  items!: IndicatorItem[];

  @Column({ name: 'data_source', type: 'varchar', nullable: true })
  dataSource!: string | null;

  @Column({ type: 'varchar', default: 'active' })
  status!: IndicatorStatus;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'last_process_id', type: 'varchar', nullable: true })
  lastProcessId!: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz', nullable: true })
  changedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

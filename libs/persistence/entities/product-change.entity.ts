import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Environment } from '../../domain/product-policy';

/**
 * Every operation on the product and indicator catalogues, in order: set-up in development,
 * create/stop/modify/enable in production, indicator add/modify/delete and promotion.
 * Unique per case, operation and round, so a retried activity never applies an operation twice.
 */
@Entity('product_catalogue_changes')
@Unique('uq_product_catalogue_changes_once', ['processId', 'catalogue', 'environment', 'code', 'operation', 'round'])
@Index('ix_product_catalogue_changes_code', ['catalogue', 'code'])
export class ProductChangeEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_product_catalogue_changes' })
  id!: number;

  @Column({ name: 'process_id' })
  processId!: string;

  @Column({ type: 'varchar' })
  catalogue!: 'product' | 'indicator';

  @Column({ type: 'varchar' })
  environment!: Environment;

  @Column()
  code!: string;

  @Column()
  operation!: string;

  @Column({ type: 'int', default: 1 })
  round!: number;

  /** The version the row had after the operation. */
  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'changed_by' })
  changedBy!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}

import { Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Environment } from '../../domain/product-policy';
import { Int, Timestamp, Varchar } from '../columns';

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

  @Varchar('process_id') processId!: string;

  @Varchar() catalogue!: 'product' | 'indicator';

  @Varchar() environment!: Environment;

  @Varchar() code!: string;

  @Varchar() operation!: string;

  @Int({ default: 1 }) round!: number;

  /** The version the row had after the operation. */
  @Int() version!: number;

  @Varchar('changed_by') changedBy!: string;

  @Timestamp('changed_at') changedAt!: Date;
}

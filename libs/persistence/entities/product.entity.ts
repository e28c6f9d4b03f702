import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Environment, ProductStatus, ProductType } from '../../domain/product-policy';
import { Int, Timestamp, Varchar } from '../columns';

/**
 * The product catalogue (征信产品), one row per environment: the development system where
 * products are set up and tested, and production where they are served (001 §26).
 */
@Entity('products')
@Unique('uq_products_environment_code', ['environment', 'code'])
export class ProductEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_products' })
  id!: number;

  @Varchar() environment!: Environment;

  @Varchar() code!: string;

  @Varchar() name!: string;

  @Varchar('product_type') productType!: ProductType;

  @Varchar() status!: ProductStatus;

  /** Raised by every set-up in development; production takes the version it was given. */
  @Int({ default: 1 }) version!: number;

  /** Designer, modules, header/footer, output formats, design idea: the 立项书 as approved. */
  @Column({ type: 'jsonb', default: {} })
  definition!: Record<string, unknown>;

  /** The case that changed the row last. */
  @Varchar('last_process_id', { nullable: true }) lastProcessId!: string | null;

  /** When the change was made, in the case's (workflow) time. */
  @Timestamp('changed_at', { nullable: true }) changedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Environment } from '../../domain/product-policy';
import { Varchar } from '../columns';

/** Which indicators a product is built from (产品指标组成), per environment: indicator → products. */
@Entity('product_indicators')
@Unique('uq_product_indicators_link', ['environment', 'productCode', 'indicatorCode'])
@Index('ix_product_indicators_indicator', ['environment', 'indicatorCode'])
export class ProductIndicatorEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_product_indicators' })
  id!: number;

  @Varchar() environment!: Environment;

  @Varchar('product_code') productCode!: string;

  @Varchar('indicator_code') indicatorCode!: string;
}

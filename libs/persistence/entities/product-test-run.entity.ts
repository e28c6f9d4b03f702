import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Int, Timestamp, Varchar } from '../columns';

/** Every test run of a product (产品测试报告, 001 §26(二)) or an indicator (001 §30(二)), pass or fail. */
@Entity('product_test_runs')
@Unique('uq_product_test_runs_round', ['processId', 'round'])
export class ProductTestRunEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_product_test_runs' })
  id!: number;

  @Varchar('process_id') processId!: string;

  @Varchar() subject!: 'product' | 'indicator';

  @Varchar() code!: string;

  @Int() round!: number;

  @Varchar() result!: 'passed' | 'failed';

  /** The form as filled: test data, result, opinions. */
  @Column({ type: 'jsonb', default: {} })
  report!: Record<string, unknown>;

  @Varchar('tested_by') testedBy!: string;

  @Timestamp('tested_at') testedAt!: Date;
}

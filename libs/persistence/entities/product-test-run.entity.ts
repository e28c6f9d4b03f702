import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Every test run of a product (产品测试报告, 001 §26(二)) or an indicator (001 §30(二)), pass or fail. */
@Entity('product_test_runs')
@Unique('uq_product_test_runs_round', ['processId', 'round'])
export class ProductTestRunEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_product_test_runs' })
  id!: number;

  @Column({ name: 'process_id' })
  processId!: string;

  @Column({ type: 'varchar' })
  subject!: 'product' | 'indicator';

  @Column()
  code!: string;

  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'varchar' })
  result!: 'passed' | 'failed';

  /** The form as filled: test data, result, opinions. */
  @Column({ type: 'jsonb', default: {} })
  report!: Record<string, unknown>;

  @Column({ name: 'tested_by' })
  testedBy!: string;

  @Column({ name: 'tested_at', type: 'timestamptz' })
  testedAt!: Date;
}

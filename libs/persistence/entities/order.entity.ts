import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn, ValueTransformer } from 'typeorm';

/** Whole yuan in a bigint column, as a JavaScript number (safe far beyond any order's amount). */
export const YUAN: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

export type OrderState =
  | 'received'
  | 'not-accepted'
  | 'accepted'
  | 'contract-dispatched'
  | 'contract-signed'
  | 'contract-approved'
  | 'contract-rejected'
  | 'paid'
  | 'dispatched'
  | 'delivered'
  | 'archived'
  | 'abandoned';

/**
 * A client's order for an investigation report (P8) or a value-added service (P9): from the
 * application (企业征信业务调查报告申请单) through contract, payment and delivery (产品交付登记表).
 */
@Entity('orders')
@Unique('uq_orders_process', ['processId'])
@Unique('uq_orders_order_no', ['orderNo'])
export class OrderEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_orders' })
  id!: number;

  @Column({ name: 'process_id' })
  processId!: string;

  @Column({ name: 'order_no' })
  orderNo!: string;

  /** `investigation-report` | `value-added-service`. */
  @Column()
  service!: string;

  /** The report type (standard/deep/custom) or the value-added product kind (batch-data/analysis). */
  @Column({ name: 'product_type' })
  productType!: string;

  @Column({ name: 'client_name' })
  clientName!: string;

  @Column({ name: 'client_id_no' })
  clientIdNo!: string;

  @Column({ name: 'contact_name' })
  contactName!: string;

  @Column({ name: 'contact_phone' })
  contactPhone!: string;

  /** The companies to investigate (被调查公司资料). */
  @Column({ type: 'jsonb' })
  subjects!: Array<{ name: string; code?: string }>;

  @Column({ type: 'bigint', transformer: YUAN })
  amount!: number;

  @Column({ type: 'varchar' })
  state!: OrderState;

  /** Why the order stopped (not accepted, contract rejected, abandoned). */
  @Column({ name: 'state_reason', type: 'text', nullable: true })
  stateReason!: string | null;

  @Column({ type: 'varchar', nullable: true })
  marketer!: string | null;

  @Column({ name: 'contract_no', type: 'varchar', nullable: true })
  contractNo!: string | null;

  @Column({ name: 'contract_signed_at', type: 'timestamptz', nullable: true })
  contractSignedAt!: Date | null;

  /** Who approved the contract, in order (客户服务部负责人, and the center head where required). */
  @Column({ name: 'contract_approved_by', type: 'text', array: true, default: '{}' })
  contractApprovedBy!: string[];

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @Column({ name: 'payment_ref', type: 'varchar', nullable: true })
  paymentRef!: string | null;

  @Column({ name: 'amount_received', type: 'bigint', nullable: true, transformer: YUAN })
  amountReceived!: number | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'delivered_by', type: 'varchar', nullable: true })
  deliveredBy!: string | null;

  @Column({ name: 'delivery_method', type: 'varchar', nullable: true })
  deliveryMethod!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

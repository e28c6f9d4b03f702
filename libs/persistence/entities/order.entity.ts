import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn, ValueTransformer } from 'typeorm';
import { Bigint, Text, Timestamp, Varchar } from '../columns';

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

  @Varchar('process_id') processId!: string;

  @Varchar('order_no') orderNo!: string;

  /** `investigation-report` | `value-added-service`. */
  @Varchar() service!: string;

  /** The report type (standard/deep/custom) or the value-added product kind (batch-data/analysis). */
  @Varchar('product_type') productType!: string;

  @Varchar('client_name') clientName!: string;

  @Varchar('client_id_no') clientIdNo!: string;

  @Varchar('contact_name') contactName!: string;

  @Varchar('contact_phone') contactPhone!: string;

  /** The companies to investigate (被调查公司资料). */
  @Column({ type: 'jsonb' })
  subjects!: Array<{ name: string; code?: string }>;

  @Bigint({ transformer: YUAN }) amount!: number;

  @Varchar() state!: OrderState;

  /** Why the order stopped (not accepted, contract rejected, abandoned). */
  @Text('state_reason', { nullable: true }) stateReason!: string | null;

  @Varchar({ nullable: true }) marketer!: string | null;

  @Varchar('contract_no', { nullable: true }) contractNo!: string | null;

  @Timestamp('contract_signed_at', { nullable: true }) contractSignedAt!: Date | null;

  /** Who approved the contract, in order (客户服务部负责人, and the center head where required). */
  @Column({ name: 'contract_approved_by', type: 'text', array: true, default: '{}' })
  contractApprovedBy!: string[];

  @Timestamp('paid_at', { nullable: true }) paidAt!: Date | null;

  @Varchar('payment_ref', { nullable: true }) paymentRef!: string | null;

  @Bigint('amount_received', { nullable: true, transformer: YUAN }) amountReceived!: number | null;

  @Timestamp('delivered_at', { nullable: true }) deliveredAt!: Date | null;

  @Varchar('delivered_by', { nullable: true }) deliveredBy!: string | null;

  @Varchar('delivery_method', { nullable: true }) deliveryMethod!: string | null;

  @Timestamp('created_at') createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

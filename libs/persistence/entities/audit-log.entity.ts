import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamp, Varchar } from '../columns';

/**
 * Append-only; each row carries the hash of the previous one, so a gap or an edit shows. Written
 * only by appendAudit (libs/persistence/audit-log.ts), which takes the id from audit_chain_head.
 */
// Partial indexes made by migration 1795800000000 (TypeORM cannot express their WHERE here).
@Index('ix_audit_log_process_action', { synchronize: false })
@Index('ix_audit_log_task_action', { synchronize: false })
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** 1: unkeyed SHA-256 (before the cut-over); 2: HMAC-SHA256 with the key outside the database. */
  @Column({ type: 'smallint', default: 2 })
  version!: number;

  @Timestamp() at!: Date;

  @Varchar() actor!: string;

  @Varchar() action!: string;

  @Varchar('process_id', { nullable: true }) processId!: string | null;

  @Varchar('task_id', { nullable: true }) taskId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  detail!: Record<string, unknown>;

  @Varchar('prev_hash') prevHash!: string;

  @Varchar() hash!: string;
}

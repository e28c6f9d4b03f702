import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamp, Varchar } from '../columns';

/**
 * Who read which case through the workflow API (the case, its timeline, its raw history, the
 * case list). Plain and append-only, outside the audit chain: reads are most of the traffic and
 * need no global lock. Reads of credit data stay in the chain (action `query`).
 */
@Index('ix_case_reads_process', { synchronize: false })
@Index('ix_case_reads_actor', { synchronize: false })
@Entity('case_reads')
export class CaseReadEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Timestamp({ default: () => 'now()' }) at!: Date;

  @Varchar() actor!: string;

  @Varchar('process_id', { nullable: true }) processId!: string | null;

  @Varchar() read!: string;

  @Column({ type: 'jsonb', default: {} })
  detail!: Record<string, unknown>;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DataFileStatus } from '../../contracts/data-contracts';
import type { DataChannel, ErrorNotice, ProvidedRecord } from '../../domain/data-policy';

export type { DataFileStatus };

/**
 * One submission of a provider's data file (数据采集文件登记表, 001 附件2): each resubmission
 * after an error file is a new version of the same case. The records are the original file's content.
 */
@Entity('data_files')
@Unique('uq_data_files_process_version', ['processId', 'version'])
export class DataFileEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_data_files' })
  id!: number;

  /** The case that collected (or, for a direct import, received) the file. */
  @Column({ name: 'process_id' })
  processId!: string;

  @Column()
  version!: number;

  @Column({ type: 'varchar' })
  channel!: DataChannel;

  @Column({ name: 'provider_name' })
  providerName!: string;

  @Column({ name: 'file_name' })
  fileName!: string;

  /** 登记表编号. */
  @Column({ name: 'register_no', type: 'varchar', nullable: true })
  registerNo!: string | null;

  @Column({ name: 'records_declared' })
  recordsDeclared!: number;

  @Column({ name: 'records_received' })
  recordsReceived!: number;

  @Column({ type: 'varchar', default: 'registered' })
  status!: DataFileStatus;

  @Column({ type: 'jsonb' })
  records!: ProvidedRecord[];

  @Column({ name: 'registered_by' })
  registeredBy!: string;

  /** 人工录入: who entered the records (the register is the reviewer's). */
  @Column({ name: 'entered_by', type: 'varchar', nullable: true })
  enteredBy!: string | null;

  /** 批量拷盘: the second collector present at the copy. */
  @Column({ name: 'witnessed_by', type: 'varchar', nullable: true })
  witnessedBy!: string | null;

  @Column({ name: 'received_by', type: 'varchar', nullable: true })
  receivedBy!: string | null;

  @Column({ name: 'unpacked_by', type: 'varchar', nullable: true })
  unpackedBy!: string | null;

  @Column({ name: 'unpack_supervised_by', type: 'varchar', nullable: true })
  unpackSupervisedBy!: string | null;

  /** 差错文件返还通知书, when the file went back to the provider. */
  @Column({ name: 'error_notice', type: 'jsonb', nullable: true })
  errorNotice!: (ErrorNotice & { handedTo?: string; contactedOn?: string }) | null;

  /** 存放记录: the disc and the safe it is kept in. */
  @Column({ name: 'disc_no', type: 'varchar', nullable: true })
  discNo!: string | null;

  @Column({ name: 'storage_location', type: 'varchar', nullable: true })
  storageLocation!: string | null;

  @Column({ name: 'stored_by', type: 'varchar', nullable: true })
  storedBy!: string | null;

  @Column({ name: 'store_supervised_by', type: 'varchar', nullable: true })
  storeSupervisedBy!: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'stored_at', type: 'timestamptz', nullable: true })
  storedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DataFileStatus } from '../../contracts/data-contracts';
import type { DataChannel, ErrorNotice, ProvidedRecord } from '../../domain/data-policy';
import { Int, Jsonb, Timestamp, Varchar } from '../columns';

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
  @Varchar('process_id') processId!: string;

  @Int() version!: number;

  @Varchar() channel!: DataChannel;

  @Varchar('provider_name') providerName!: string;

  @Varchar('file_name') fileName!: string;

  /** 登记表编号. */
  @Varchar('register_no', { nullable: true }) registerNo!: string | null;

  @Int('records_declared') recordsDeclared!: number;

  @Int('records_received') recordsReceived!: number;

  @Varchar({ default: 'registered' }) status!: DataFileStatus;

  @Jsonb() records!: ProvidedRecord[];

  @Varchar('registered_by') registeredBy!: string;

  /** 人工录入: who entered the records (the register is the reviewer's). */
  @Varchar('entered_by', { nullable: true }) enteredBy!: string | null;

  /** 批量拷盘: the second collector present at the copy. */
  @Varchar('witnessed_by', { nullable: true }) witnessedBy!: string | null;

  @Varchar('received_by', { nullable: true }) receivedBy!: string | null;

  @Varchar('unpacked_by', { nullable: true }) unpackedBy!: string | null;

  @Varchar('unpack_supervised_by', { nullable: true }) unpackSupervisedBy!: string | null;

  /** 差错文件返还通知书, when the file went back to the provider. */
  @Column({ name: 'error_notice', type: 'jsonb', nullable: true })
  errorNotice!: (ErrorNotice & { handedTo?: string; contactedOn?: string }) | null;

  /** 存放记录: the disc and the safe it is kept in. */
  @Varchar('disc_no', { nullable: true }) discNo!: string | null;

  @Varchar('storage_location', { nullable: true }) storageLocation!: string | null;

  @Varchar('stored_by', { nullable: true }) storedBy!: string | null;

  @Varchar('store_supervised_by', { nullable: true }) storeSupervisedBy!: string | null;

  @Timestamp('registered_at') registeredAt!: Date;

  @Timestamp('received_at', { nullable: true }) receivedAt!: Date | null;

  @Timestamp('stored_at', { nullable: true }) storedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DataChannel } from '../../domain/data-policy';
import { Bool, Varchar } from '../columns';

/**
 * A data provider (数据提供单位) and its data-collection agreement (数据采集协议, 001 §16 一):
 * agreement channels collect only from a provider whose agreement covers the channel.
 */
@Entity('data_providers')
@Unique('uq_data_providers_name', ['name'])
export class DataProviderEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_data_providers' })
  id!: number;

  @Varchar() name!: string;

  /** 数据采集协议编号; null while no agreement is signed. */
  @Varchar('agreement_no', { nullable: true }) agreementNo!: string | null;

  /** The channels the agreement covers. */
  @Column({ type: 'text', array: true, default: '{}' })
  channels!: DataChannel[];

  /** 更新周期 agreed with the provider, e.g. 每月. */
  @Varchar('update_cycle', { nullable: true }) updateCycle!: string | null;

  @Bool({ default: true }) active!: boolean;
}

import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DataChannel } from '../../domain/data-policy';

/**
 * A data provider (数据提供单位) and its data-collection agreement (数据采集协议, 001 §16 一):
 * agreement channels collect only from a provider whose agreement covers the channel.
 */
@Entity('data_providers')
@Unique('uq_data_providers_name', ['name'])
export class DataProviderEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_data_providers' })
  id!: number;

  @Column()
  name!: string;

  /** 数据采集协议编号; null while no agreement is signed. */
  @Column({ name: 'agreement_no', type: 'varchar', nullable: true })
  agreementNo!: string | null;

  /** The channels the agreement covers. */
  @Column({ type: 'text', array: true, default: '{}' })
  channels!: DataChannel[];

  /** 更新周期 agreed with the provider, e.g. 每月. */
  @Column({ name: 'update_cycle', type: 'varchar', nullable: true })
  updateCycle!: string | null;

  @Column({ default: true })
  active!: boolean;
}

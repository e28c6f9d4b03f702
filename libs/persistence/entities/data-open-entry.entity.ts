import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DataRecord } from '../../domain/data-policy';

/**
 * One line of the 公开渠道采集汇总信息清单 (001 附件4): what a collector found in public
 * sources on a working day, with the records themselves (the day's spreadsheet).
 */
@Entity('data_open_entries')
@Unique('uq_data_open_entries_process_seq', ['processId', 'seq'])
export class DataOpenEntryEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_data_open_entries' })
  id!: number;

  @Column({ name: 'process_id' })
  processId!: string;

  @Column()
  seq!: number;

  /** 采集时间 (China date). */
  @Column({ name: 'collected_on', type: 'date' })
  collectedOn!: string;

  /** 信息项名称. */
  @Column({ name: 'item_name' })
  itemName!: string;

  /** 信息来源, e.g. a court's website. */
  @Column()
  source!: string;

  /** 地址 (URL or the publication). */
  @Column()
  address!: string;

  /** 发布时间. */
  @Column({ name: 'published_on', type: 'date' })
  publishedOn!: string;

  /** 信息条数. */
  @Column()
  records!: number;

  @Column({ name: 'rows', type: 'jsonb' })
  rows!: DataRecord[];

  @Column({ name: 'entered_by' })
  enteredBy!: string;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt!: Date;
}

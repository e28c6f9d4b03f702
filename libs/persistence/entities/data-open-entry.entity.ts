import { Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DataRecord } from '../../domain/data-policy';
import { DateOnly, Int, Jsonb, Timestamp, Varchar } from '../columns';

/**
 * One line of the 公开渠道采集汇总信息清单 (001 附件4): what a collector found in public
 * sources on a working day, with the records themselves (the day's spreadsheet).
 */
@Entity('data_open_entries')
@Unique('uq_data_open_entries_process_seq', ['processId', 'seq'])
export class DataOpenEntryEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_data_open_entries' })
  id!: number;

  @Varchar('process_id') processId!: string;

  @Int() seq!: number;

  /** 采集时间 (China date). */
  @DateOnly('collected_on') collectedOn!: string;

  /** 信息项名称. */
  @Varchar('item_name') itemName!: string;

  /** 信息来源, e.g. a court's website. */
  @Varchar() source!: string;

  /** 地址 (URL or the publication). */
  @Varchar() address!: string;

  /** 发布时间. */
  @DateOnly('published_on') publishedOn!: string;

  /** 信息条数. */
  @Int() records!: number;

  @Jsonb('rows') rows!: DataRecord[];

  @Varchar('entered_by') enteredBy!: string;

  @Timestamp('entered_at') enteredAt!: Date;
}

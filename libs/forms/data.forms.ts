/**
 * The forms (附件) of P5 data collection and P6 import and load (001 §15–21), as validated payloads.
 * A file's records travel in the forms as its content; their business rules (check characters,
 * duplicates, declared counts) are applied by the unpack, import and load steps, not here, so that
 * a bad file can be registered and then returned to the provider the way the procedure says.
 */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { DATA_CHANNELS, DATA_MEDIA, type DataChannel, type DataMedium } from '../domain/data-policy';
import { PERIOD_PATTERN } from '../domain/data-records';
import { RequiredText, Count } from './fields';

const MAX_RECORDS = 5000;

/** One record of a data file (an item of a subject's credit record). */
export class DataRecordRow {
  @JSONSchema({ title: '统一社会信用代码' })
  @IsString()
  @MaxLength(18)
  subjectCode!: string;

  @JSONSchema({ title: '主体名称' })
  @IsString()
  @MaxLength(200)
  subjectName!: string;

  @JSONSchema({ title: '信息项名称' })
  @IsString()
  @MaxLength(100)
  itemName!: string;

  @JSONSchema({ title: '信息内容' })
  @IsString()
  @MaxLength(1000)
  value!: string;
}

/** One record found in a public source: the entry names the information item for all of them. */
export class OpenEntryRow {
  @JSONSchema({ title: '统一社会信用代码' })
  @IsString()
  @MaxLength(18)
  subjectCode!: string;

  @JSONSchema({ title: '主体名称' })
  @IsString()
  @MaxLength(200)
  subjectName!: string;

  @JSONSchema({ title: '信息内容' })
  @IsString()
  @MaxLength(1000)
  value!: string;
}

/** The optional free-text note most forms carry. */
function Note(): PropertyDecorator {
  const decorators = [JSONSchema({ title: '说明' }), IsOptional(), IsString(), MaxLength(2000)];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key as string));
}

/** P5 start: the provider (agreement channels) or the month (open channel); the channel is the policy. */
export class DataCollectionStartInput {
  @JSONSchema({ title: '数据提供单位（协议采集必填）' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  providerName?: string;

  @JSONSchema({ title: '数据文件名' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fileName?: string;

  @JSONSchema({ title: '采集月份（公开渠道必填，YYYY-MM）', pattern: PERIOD_PATTERN })
  @IsOptional()
  @Matches(new RegExp(PERIOD_PATTERN), { message: 'period must be a month, YYYY-MM' })
  period?: string;

  @Note()
  note?: string;
}

/** P6 started directly by a data manager for a file handed over to the IT department (e.g. 001 §115 四). */
export class DataImportStartInput {
  @RequiredText('数据提供单位')
  providerName!: string;

  @RequiredText('数据文件名')
  fileName!: string;

  @JSONSchema({ title: '采集方式', enum: [...DATA_CHANNELS] })
  @IsIn(DATA_CHANNELS)
  channel!: DataChannel;

  @JSONSchema({ title: '文件记录' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => DataRecordRow)
  records!: DataRecordRow[];
}

/** 人工录入 (001 §16 一 3(2)(3)): the records typed in from the provider's data, for another collector to review. */
export class DataManualEntryForm {
  @JSONSchema({ title: '录入日期', format: 'date' })
  @IsISO8601({ strict: true })
  enteredOn!: string;

  @JSONSchema({ title: '原始资料', enum: ['electronic', 'paper'] })
  @IsIn(['electronic', 'paper'])
  sourceKind!: 'electronic' | 'paper';

  @JSONSchema({ title: '录入的记录' })
  @IsArray()
  @ArrayMaxSize(MAX_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => DataRecordRow)
  records!: DataRecordRow[];
}

/** 数据采集文件登记表 (001 附件2). */
export class DataFileRegisterForm {
  @RequiredText('登记表编号', 50)
  registerNo!: string;

  @RequiredText('数据提供单位')
  providerName!: string;

  @RequiredText('文件名')
  fileName!: string;

  @Count('登记记录数')
  recordsDeclared!: number;

  @JSONSchema({ title: '传输/交接时间', format: 'date-time' })
  @IsISO8601({ strict: true })
  transferredAt!: string;

  @JSONSchema({ title: '传输载体', enum: [...DATA_MEDIA] })
  @IsIn(DATA_MEDIA)
  medium!: DataMedium;

  @JSONSchema({ title: '文件记录（原始文件内容）' })
  @IsArray()
  @ArrayMaxSize(MAX_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => DataRecordRow)
  records!: DataRecordRow[];

  @Note()
  note?: string;
}

/** 双人上岗拷盘 (001 §16 一 2(2)): the second collector confirms being present at the copy. */
export class DataCopyWitnessForm {
  @JSONSchema({ title: '在场拷盘' })
  @IsBoolean()
  @Equals(true, { message: 'presentAtCopy must be true: the second collector must have been present at the copy' })
  presentAtCopy!: boolean;

  @RequiredText('磁介质编号', 50)
  mediumNo!: string;

  @Note()
  note?: string;
}

/** The data manager's signature for a file (签收). */
export class DataReceiveForm {
  @JSONSchema({ title: '签收时间', format: 'date-time' })
  @IsISO8601({ strict: true })
  receivedAt!: string;

  @Note()
  note?: string;
}

/** 解压、解密 (001 §16 一 1(4)): the original file formed from the transmitted one. */
export class DataUnpackForm {
  @RequiredText('原始文件名')
  originalFileName!: string;

  @Note()
  note?: string;
}

/** The second person's record on a supervising step (监督/复核). */
export class DataSupervisionForm {
  @Note()
  note?: string;
}

/** 差错文件返还通知书 (001 附件3). */
export class DataErrorNoticeForm {
  @RequiredText('通知书编号', 50)
  noticeNo!: string;

  @RequiredText('差错情况', 2000)
  description!: string;

  @Count('差错记录数')
  records!: number;
}

/** The collector takes the notice and the erroneous file back to the provider (联系数据提供单位核对、处理). */
export class DataReturnToProviderForm {
  @JSONSchema({ title: '联系日期', format: 'date' })
  @IsISO8601({ strict: true })
  contactedOn!: string;

  @RequiredText('数据提供单位联系人', 100)
  contactPerson!: string;

  @Note()
  note?: string;
}

/** 刻录光盘、存入保险柜、存放记录 (001 §16 一 1(5)). */
export class DataBurnStoreForm {
  @RequiredText('光盘编号', 50)
  discNo!: string;

  @RequiredText('保险柜/存放位置', 100)
  safeLocation!: string;

  @JSONSchema({ title: '存放时间', format: 'date-time' })
  @IsISO8601({ strict: true })
  storedAt!: string;
}

/** One line of the 公开渠道采集汇总信息清单 (001 附件4), with the records found. */
export class DataOpenEntryForm {
  @JSONSchema({ title: '采集时间', format: 'date' })
  @IsISO8601({ strict: true })
  collectedOn!: string;

  @RequiredText('信息项名称', 100)
  itemName!: string;

  @RequiredText('信息来源')
  source!: string;

  @RequiredText('地址', 500)
  address!: string;

  @JSONSchema({ title: '发布时间', format: 'date' })
  @IsISO8601({ strict: true })
  publishedOn!: string;

  @JSONSchema({ title: '采集的信息' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => OpenEntryRow)
  records!: OpenEntryRow[];
}

/** 公开渠道采集报表 (001 附件5): the totals are computed from the month's entries; the compiler numbers and signs it. */
export class DataOpenReportForm {
  @RequiredText('报表编号', 50)
  reportNo!: string;

  @Note()
  note?: string;
}

/** 逐项复核 of the month-end report by another collector. */
export class DataOpenReviewForm {
  @JSONSchema({ title: '已逐项复核' })
  @IsBoolean()
  @Equals(true, { message: 'itemsChecked must be true: the report is reviewed item by item' })
  itemsChecked!: boolean;

  @Note()
  note?: string;
}

/** 公开渠道采集数据移交清单 (001 §16 二 3(5)). */
export class DataHandOverForm {
  @RequiredText('移交清单编号', 50)
  listNo!: string;

  @RequiredText('数据电子文件名')
  fileName!: string;
}

/** 数据导入文件登记表 (001 附件6); the import result is filled in by the import step. */
export class DataImportRegisterForm {
  @RequiredText('登记表编号', 50)
  registerNo!: string;

  @RequiredText('数据提供单位')
  providerName!: string;

  @RequiredText('文件名')
  fileName!: string;

  @Count('报送记录数')
  records!: number;

  @JSONSchema({ title: '签收日期', format: 'date' })
  @IsISO8601({ strict: true })
  receivedOn!: string;
}

/** 导入预处理 (格式化) and import into the base database. */
export class DataImportRunForm {
  /** Required (true) to import; a file sent to the safe is not pre-processed (the data module's form rule). */
  @JSONSchema({ title: '预处理（格式化）完成' })
  @IsOptional()
  @IsBoolean()
  preprocessed?: boolean;

  @Note()
  note?: string;
}

/** 装载预处理 and the load request. */
export class DataLoadForm {
  @JSONSchema({ title: '装载预处理（格式化）完成' })
  @IsBoolean()
  @Equals(true, { message: 'preprocessed must be true: the imported records are formatted before they are loaded' })
  preprocessed!: boolean;

  @Note()
  note?: string;
}

/** 信息技术部负责人现场授权 (001 §19 二). */
export class DataLoadAuthoriseForm {
  @JSONSchema({ title: '现场授权' })
  @IsBoolean()
  @Equals(true, { message: 'onSite must be true: the load is authorised on site' })
  onSite!: boolean;

  @Note()
  note?: string;
}

/** 装载差错文件登记表 (001 附件7). */
export class DataLoadErrorForm {
  @RequiredText('差错文件名')
  errorFileName!: string;

  @RequiredText('差错原因', 2000)
  cause!: string;

  @RequiredText('排除故障措施', 2000)
  remedy!: string;
}

/** 不能及时导入的报送文件交保险柜管理人员存入保险柜 (001 §18 一). */
export class DataSafeCustodyForm {
  @RequiredText('保险柜/存放位置', 100)
  safeLocation!: string;

  @Note()
  note?: string;
}

/** Every P5/P6 task form by key (spread into TASK_FORMS). */
export const DATA_TASK_FORMS = {
  'data-manual-entry': DataManualEntryForm,
  'data-file-register': DataFileRegisterForm,
  'data-copy-witness': DataCopyWitnessForm,
  'data-receive': DataReceiveForm,
  'data-unpack': DataUnpackForm,
  'data-supervision': DataSupervisionForm,
  'data-error-notice': DataErrorNoticeForm,
  'data-return-to-provider': DataReturnToProviderForm,
  'data-burn-store': DataBurnStoreForm,
  'data-open-entry': DataOpenEntryForm,
  'data-open-report': DataOpenReportForm,
  'data-open-review': DataOpenReviewForm,
  'data-hand-over': DataHandOverForm,
  'data-import-register': DataImportRegisterForm,
  'data-import-run': DataImportRunForm,
  'data-safe-custody': DataSafeCustodyForm,
  'data-load': DataLoadForm,
  'data-load-authorise': DataLoadAuthoriseForm,
  'data-load-error': DataLoadErrorForm,
};

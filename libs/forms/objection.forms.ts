/** The forms (附件) the objection steps fill, as validated payloads. */
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { OBJECTION_REASONS, type ObjectionReason } from '../domain/objection-policy';
import { OptionalText, RequiredText, SubjectCode } from './fields';

export class EvidenceItem {
  @RequiredText('材料名称')
  name!: string;

  @OptionalText('材料编号/链接', 500)
  ref?: string;
}

/** 异议申请单 (001 附件28): API.md's objection start input. */
export class ObjectionStartInput {
  @RequiredText('信息主体名称')
  subjectName!: string;

  @SubjectCode()
  subjectCode!: string;

  @RequiredText('信用报告编号', 100)
  reportId!: string;

  @JSONSchema({ title: '报告查询时间', format: 'date-time' })
  @IsISO8601({ strict: true })
  reportQueriedAt!: string;

  @RequiredText('异议信息项', 100)
  itemName!: string;

  @JSONSchema({ title: '原始信息' })
  @IsString()
  @MaxLength(1000)
  originalValue!: string;

  @RequiredText('申请更正为', 1000)
  claimedValue!: string;

  @JSONSchema({ title: '异议原因（浙江规范必填）', enum: [...OBJECTION_REASONS] })
  @IsOptional()
  @IsIn(OBJECTION_REASONS)
  reason?: ObjectionReason;

  @JSONSchema({ title: '证明材料' })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItem)
  evidence!: EvidenceItem[];

  @JSONSchema({ title: '受理渠道', enum: ['website', 'outlet'] })
  @IsIn(['website', 'outlet'])
  channel!: 'website' | 'outlet';
}

/** 初审/复核 checklist (001 §112 三, §113 二): the same four checks at both steps. */
export class ObjectionInitialReviewForm {
  @JSONSchema({ title: '资料齐全' })
  @IsBoolean()
  materialsComplete!: boolean;

  @JSONSchema({ title: '证件类材料真实' })
  @IsBoolean()
  documentsGenuine!: boolean;

  @JSONSchema({ title: '身份真实' })
  @IsBoolean()
  identityGenuine!: boolean;

  @JSONSchema({ title: '符合受理规则' })
  @IsBoolean()
  withinRules!: boolean;

  @OptionalText('回执编号', 50)
  receiptNo?: string;
}

export class ObjectionDifferenceCheckForm {
  @OptionalText('核查说明')
  note?: string;
}

export class ObjectionHandlingNoteForm {
  @OptionalText('处理说明')
  note?: string;
}

/** 异议数据核对书 (000 附件8, 001 附件30). */
export class ObjectionVerificationLetterForm {
  @RequiredText('信息提供单位')
  providerName!: string;

  @JSONSchema({ title: '异议信息项' })
  @IsString()
  @IsNotEmpty()
  itemName!: string;

  @JSONSchema({ title: '原始信息' })
  @IsString()
  originalValue!: string;

  @JSONSchema({ title: '申请更正为' })
  @IsString()
  @IsNotEmpty()
  requestedValue!: string;

  @OptionalText('证明材料')
  evidence?: string;

  @RequiredText('核对书编号', 50)
  letterNo!: string;
}

export class ObjectionProviderReplyForm {
  @JSONSchema({ title: '回复日期', format: 'date' })
  @IsISO8601()
  repliedOn!: string;

  @OptionalText('更正后的值（成立已修改时）', 1000)
  correctedValue?: string;
}

/** 000 §38 二(二), 001 §115 二(二): the external difference's data, edited into the reporting format for the collectors. */
export class ObjectionDifferenceFileForm {
  @RequiredText('差异数据文件名')
  fileName!: string;

  @JSONSchema({ title: '记录数' })
  @IsInt()
  @Min(1)
  records!: number;

  @OptionalText('说明', 1000)
  note?: string;
}

/** 数据导入文件登记表 for the corrected data (001 §115 二(四)). */
export class ObjectionImportRegisterForm {
  @RequiredText('导入文件名')
  fileName!: string;

  @JSONSchema({ title: '记录数' })
  @IsInt()
  @Min(1)
  records!: number;

  @JSONSchema({ title: '更正后的值' })
  @IsString()
  @IsNotEmpty()
  correctedValue!: string;
}

/** 003 C.3: what the applicant amended when the application comes back. */
export class ObjectionAmendmentForm {
  @RequiredText('补正内容说明', 1000)
  amendment!: string;
}

/** 异议回复书 (001 附件31). */
export class ObjectionReplyForm {
  @RequiredText('回复书编号', 50)
  replyNo!: string;

  @JSONSchema({ title: '通知方式', enum: ['phone', 'sms', 'letter', 'counter'] })
  @IsIn(['phone', 'sms', 'letter', 'counter'])
  notifiedBy!: 'phone' | 'sms' | 'letter' | 'counter';

  @JSONSchema({ title: '提供一次免费查询/更正报告' })
  @IsOptional()
  @IsBoolean()
  freeRequery?: boolean;
}

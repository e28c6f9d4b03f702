/**
 * The forms (附件) of product and indicator management (001 §22–32) as validated payloads.
 * 001 names its forms (附件 8–12) without printing them; their fields follow the same forms of
 * the center's report procedure (000 附件1–5: 立项书, 测试方案, 测试报告, 评审意见书, 维护通知单).
 */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  INDICATOR_ACTIONS,
  INDICATOR_ITEM_TYPES,
  type IndicatorAction,
  type IndicatorItem,
  type IndicatorNotice,
  OUTPUT_FORMATS,
  type OutputFormat,
  PRODUCT_SERVICE_TYPES,
  PRODUCT_STATUS_ACTIONS,
  PRODUCT_TYPES,
  type ProductProposal,
  type ProductServiceType,
  type ProductStatusAction,
  type ProductStatusNotice,
  type ProductType,
} from '../domain/product-policy';
import { RequiredText, OptionalText } from './fields';

const CODE = /^[A-Z][A-Z0-9-]{2,39}$/;
const CODE_MESSAGE = 'must be 3–40 characters: capital letters, digits and hyphens, starting with a letter';

/** 征信产品立项书 (001 附件8): P4's start input, and the proposal step's form. */
export class ProductProposalForm implements ProductProposal {
  @JSONSchema({ title: '服务类型（增加产品/修改产品）', enum: [...PRODUCT_SERVICE_TYPES] })
  @IsIn(PRODUCT_SERVICE_TYPES)
  serviceType!: ProductServiceType;

  @JSONSchema({ title: '产品编号', pattern: CODE.source })
  @IsString()
  @Matches(CODE, { message: `productCode ${CODE_MESSAGE}` })
  productCode!: string;

  @RequiredText('产品名称', 100)
  productName!: string;

  @JSONSchema({ title: '产品类型（简明/标准/定制/深度/增值服务/其他）', enum: [...PRODUCT_TYPES] })
  @IsIn(PRODUCT_TYPES)
  productType!: ProductType;

  @RequiredText('产品设计（修改）人员', 100)
  designer!: string;

  @RequiredText('市场调查报告（摘要）', 4000)
  surveyReport!: string;

  @RequiredText('产品设计思路/修改思路', 4000)
  designIdea!: string;

  @JSONSchema({ title: '产品指标组成列表（指标编号）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(CODE, { each: true, message: `each indicator code ${CODE_MESSAGE}` })
  indicatorCodes!: string[];

  @JSONSchema({ title: '产品模块组成列表' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  modules?: string[];

  @OptionalText('页眉', 200)
  header?: string;

  @OptionalText('页脚', 200)
  footer?: string;

  @JSONSchema({ title: '生成格式', items: { type: 'string', enum: [...OUTPUT_FORMATS] } })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(OUTPUT_FORMATS, { each: true })
  outputFormats?: OutputFormat[];

  @OptionalText('其他说明')
  notes?: string;

  @JSONSchema({ title: '提出本申请的指标维护案件', readOnly: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestedBy?: string;
}

/** The test plan the product manager writes into the 产品测试报告 (001 附件9) after setting the product up. */
export class ProductTestPlanForm {
  @RequiredText('产品涉及的主要参数', 2000)
  mainParameters!: string;

  @RequiredText('测试方案', 4000)
  testPlan!: string;
}

/** One test run in the 产品测试报告 (001 §26(二)(2): every run's result is written down as it happened). */
export class ProductTestRunForm {
  @RequiredText('测试数据（开发环境模拟数据）', 2000)
  testData!: string;

  @RequiredText('测试结果', 4000)
  testResult!: string;

  @OptionalText('产品管理人员意见')
  managerOpinion?: string;

  @OptionalText('研发人员意见')
  developerOpinion?: string;

  @OptionalText('产品样本（编号/链接）', 500)
  sampleRef?: string;
}

/** What the committee secretary records of the meeting (评审委秘书填写, 001 §26(三)(2), §30(三)(2)). */
export class CommitteeRecordForm {
  @JSONSchema({ title: '评审会日期', type: 'string', format: 'date' })
  @IsISO8601({ strict: true })
  meetingDate!: string;

  @RequiredText('主持人（评审委主任或其委托人）', 100)
  chairedBy!: string;

  @JSONSchema({ title: '参会人员' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  attendees!: string[];

  @RequiredText('评审意见', 4000)
  opinion!: string;
}

/** 产品评审意见书 (001 附件10). */
export class ProductReviewOpinionForm extends CommitteeRecordForm {
  @JSONSchema({ title: '评审类型（投产/修改）', enum: ['launch', 'modify'] })
  @IsIn(['launch', 'modify'])
  reviewType!: 'launch' | 'modify';

  @RequiredText('评审情况', 4000)
  reviewSummary!: string;
}

/** The committee's result written on the 指标维护通知单 (001 §30(三)(2)). */
export class IndicatorReviewOpinionForm extends CommitteeRecordForm {}

/** 征信产品维护通知单 (001 附件11), filled by the product department from the review opinion. */
export class ProductMaintenanceNoticeForm {
  @RequiredText('通知单编号', 50)
  noticeNo!: string;

  @JSONSchema({ title: '生成格式', items: { type: 'string', enum: [...OUTPUT_FORMATS] } })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(OUTPUT_FORMATS, { each: true })
  outputFormats!: OutputFormat[];

  @OptionalText('其他说明')
  notes?: string;
}

/** The system administrator's record and signature on the maintenance notice (签字确认). */
export class CatalogueMaintenanceRecordForm {
  @RequiredText('维护操作记录', 2000)
  operationNote!: string;
}

/** 征信产品维护通知单 for stop/enable (001 §27): P4b's start input and notice form. */
export class ProductStatusNoticeForm implements ProductStatusNotice {
  @JSONSchema({ title: '维护类型（停用/启用）', enum: [...PRODUCT_STATUS_ACTIONS] })
  @IsIn(PRODUCT_STATUS_ACTIONS)
  maintenanceType!: ProductStatusAction;

  @JSONSchema({ title: '产品编号', pattern: CODE.source })
  @IsString()
  @Matches(CODE, { message: `productCode ${CODE_MESSAGE}` })
  productCode!: string;

  @RequiredText('维护意见（政策、市场需求或数据来源的变化）', 2000)
  reason!: string;

  @OptionalText('通知单编号', 50)
  noticeNo?: string;
}

export class IndicatorItemForm implements IndicatorItem {
  @RequiredText('指标项名称', 100)
  name!: string;

  @JSONSchema({ title: '数据类型', enum: [...INDICATOR_ITEM_TYPES] })
  @IsIn(INDICATOR_ITEM_TYPES)
  dataType!: IndicatorItem['dataType'];

  @OptionalText('说明', 500)
  description?: string;
}

/** 指标维护通知单 (001 附件12): P4c's start input and notice form. */
export class IndicatorNoticeForm implements IndicatorNotice {
  @JSONSchema({ title: '维护类型（增加/修改/删除）', enum: [...INDICATOR_ACTIONS] })
  @IsIn(INDICATOR_ACTIONS)
  action!: IndicatorAction;

  @JSONSchema({ title: '指标编号', pattern: CODE.source })
  @IsString()
  @Matches(CODE, { message: `indicatorCode ${CODE_MESSAGE}` })
  indicatorCode!: string;

  @RequiredText('指标名称', 100)
  indicatorName!: string;

  @JSONSchema({ title: '指标项（增加、修改时必填）' })
  @ValidateIf((notice: IndicatorNoticeForm) => notice.action !== 'delete' || notice.items !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndicatorItemForm)
  items?: IndicatorItemForm[];

  @RequiredText('设计思路', 4000)
  designIdea!: string;

  @OptionalText('数据提供单位', 200)
  dataSource?: string;

  @OptionalText('通知单编号', 50)
  noticeNo?: string;
}

/** The system administrator's test result on the 指标维护通知单 (001 §30(二)). */
export class IndicatorTestForm {
  @RequiredText('测试数据', 2000)
  testData!: string;

  @RequiredText('测试结果', 4000)
  testResult!: string;
}

/** Task forms of P4, P4b and P4c by key (spread into TASK_FORMS). */
export const PRODUCT_TASK_FORMS = {
  'product-proposal': ProductProposalForm,
  'product-test-plan': ProductTestPlanForm,
  'product-test-run': ProductTestRunForm,
  'product-review-opinion': ProductReviewOpinionForm,
  'product-maintenance-notice': ProductMaintenanceNoticeForm,
  'catalogue-maintenance-record': CatalogueMaintenanceRecordForm,
  'product-status-notice': ProductStatusNoticeForm,
  'indicator-notice': IndicatorNoticeForm,
  'indicator-test': IndicatorTestForm,
  'indicator-review-opinion': IndicatorReviewOpinionForm,
};

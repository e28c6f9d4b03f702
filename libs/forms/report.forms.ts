/**
 * The forms of P8 investigation report (001 §43–60) and P9 value-added service (§61–70), as
 * validated payloads. The 001 attachments themselves are not in the seed; their fields follow
 * the procedure text and the corresponding 000 forms (附件6 申请单, 附件4 评审意见书, 附件7 交付登记表).
 */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { REPORT_TYPES, type ReportType, VALUE_ADDED_PRODUCT_KINDS, type ValueAddedProductKind } from '../domain/report-policy';
import { OptionalText, RequiredText, Uscc } from './fields';

const USERNAME = /^[a-z][a-z0-9_]{1,49}$/;

/** 被调查公司资料: one company to investigate. */
export class OrderSubjectItem {
  @RequiredText('公司名称')
  name!: string;

  @IsOptional()
  @Uscc()
  code?: string;
}

const CLIENT_ID_TYPES = ['uscc', 'business-licence', 'org-code', 'id-card', 'other'] as const;
const CHANNELS = ['website', 'outlet', 'member', 'marketing'] as const;
const PURPOSES = ['credit', 'sales-on-credit', 'leasing', 'guarantee', 'collection', 'other'] as const;
const DELIVERY_METHODS = ['pickup', 'email', 'post', 'express', 'other'] as const;

/** 企业征信业务调查报告申请单 (001 附件14; fields as 000 附件6): who orders what, delivered how. */
export class OrderApplicationForm {
  @RequiredText('单位名称')
  clientName!: string;

  @JSONSchema({ title: '证件类型', enum: [...CLIENT_ID_TYPES] })
  @IsIn(CLIENT_ID_TYPES)
  clientIdType!: (typeof CLIENT_ID_TYPES)[number];

  @RequiredText('证件号码', 50)
  clientIdNo!: string;

  @RequiredText('联系人姓名', 50)
  contactName!: string;

  @JSONSchema({ title: '联系电话/手机' })
  @Matches(/^[0-9+\-() ]{5,30}$/, { message: 'contactPhone must be a telephone number' })
  contactPhone!: string;

  @JSONSchema({ title: '电子邮箱' })
  @IsOptional()
  @IsEmail()
  contactEmail?: string;

  @OptionalText('单位地址', 300)
  address?: string;

  @JSONSchema({ title: '受理渠道', enum: [...CHANNELS] })
  @IsIn(CHANNELS)
  channel!: (typeof CHANNELS)[number];

  @JSONSchema({ title: '用途', enum: [...PURPOSES] })
  @IsIn(PURPOSES)
  purpose!: (typeof PURPOSES)[number];

  @JSONSchema({ title: '交付方式', enum: [...DELIVERY_METHODS] })
  @IsIn(DELIVERY_METHODS)
  deliveryMethod!: (typeof DELIVERY_METHODS)[number];

  @OptionalText('交付地址', 300)
  deliveryAddress?: string;

  @JSONSchema({ title: '语言', enum: ['zh', 'en'] })
  @IsOptional()
  @IsIn(['zh', 'en'])
  language?: 'zh' | 'en';

  @JSONSchema({ title: '加急' })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;

  @JSONSchema({ title: '被调查公司' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OrderSubjectItem)
  subjects!: OrderSubjectItem[];

  @JSONSchema({ title: '合同金额（元）', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @OptionalText('备注')
  note?: string;

  /** 001 §46 (二)(五): a member's order for a product its member agreement already includes. */
  @JSONSchema({ title: '会员协议已包含该产品（会员自助渠道）' })
  @IsOptional()
  @IsBoolean()
  memberAgreementCovers?: boolean;
}

/** P8 start input: the application plus the report type. */
export class InvestigationReportStartInput extends OrderApplicationForm {
  @JSONSchema({ title: '报告类型（标准/深度/定制）', enum: [...REPORT_TYPES] })
  @IsIn(REPORT_TYPES)
  reportType!: ReportType;
}

/** P9 start input: the application plus the value-added product. */
export class ValueAddedServiceStartInput extends OrderApplicationForm {
  @JSONSchema({ title: '产品类别（批量数据类/分析类）', enum: [...VALUE_ADDED_PRODUCT_KINDS] })
  @IsIn(VALUE_ADDED_PRODUCT_KINDS)
  productKind!: ValueAddedProductKind;

  @RequiredText('增值服务产品名称')
  productName!: string;
}

/** 业务受理 / 申请单导入: the application and the documents checked (001 §44(一)(二), §48). */
export class OrderAcceptanceForm {
  @JSONSchema({ title: '申请单填写完整' })
  @IsBoolean()
  applicationComplete!: boolean;

  @JSONSchema({ title: '证明材料已核验（营业执照/介绍信/查询人身份证等）' })
  @IsBoolean()
  documentsVerified!: boolean;

  @OptionalText('申请单编号', 50)
  applicationNo?: string;
}

/** 申请单导入 (001 §44(二)(2)): the reviewer imports the website's export and checks the 网站受理业务登记表. */
export class ApplicationImportForm {
  @RequiredText('网站受理业务登记表编号', 50)
  registerNo!: string;

  @OptionalText('核对说明')
  note?: string;
}

/** 001 §46 (五): a member-agreement product — the application's validity confirmed and the fee marked. */
export class MemberValidationForm {
  @RequiredText('会员协议编号', 50)
  agreementNo!: string;

  @JSONSchema({ title: '申请单有效（会员协议已包含该产品）' })
  @Equals(true, { message: 'valid must be true to confirm; otherwise reject with the reason' })
  valid!: boolean;

  @JSONSchema({ title: '已做缴费标记' })
  @Equals(true, { message: 'feeMarked must be true to confirm' })
  feeMarked!: boolean;
}

/** 待签合同分派 (001 §44(三)): the customer-service head names the marketer. */
export class ContractDispatchForm {
  @JSONSchema({ title: '市场营销人员（用户名）' })
  @Matches(USERNAME, { message: 'marketer must be a username' })
  marketer!: string;
}

/** 签订合同 (001 §44(四)): need confirmed, documents verified, contract signed. */
export class ProductContractForm {
  @JSONSchema({ title: '已与客户确认需求' })
  @Equals(true, { message: 'needConfirmed must be true to sign' })
  needConfirmed!: boolean;

  @JSONSchema({ title: '证明材料已验证' })
  @Equals(true, { message: 'documentsVerified must be true to sign' })
  documentsVerified!: boolean;

  @RequiredText('合同编号', 50)
  contractNo!: string;

  @JSONSchema({ title: '签订日期', format: 'date' })
  @IsISO8601({ strict: true })
  signedOn!: string;

  @OptionalText('约定交付期限', 200)
  deliveryTerms?: string;
}

/** 合同审核签字: the approver's opinion. */
export class ContractApprovalForm {
  @OptionalText('审核意见')
  opinion?: string;
}

const PAYMENT_METHODS = ['transfer', 'cash', 'card', 'cheque', 'other'] as const;

/** 收费 (001 §44(五)): the cashier marks the fee received. */
export class PaymentMarkForm {
  @JSONSchema({ title: '收款金额（元）', minimum: 0 })
  @IsInt()
  @Min(0)
  amountReceived!: number;

  @JSONSchema({ title: '收款日期', format: 'date' })
  @IsISO8601({ strict: true })
  paidOn!: string;

  @JSONSchema({ title: '缴费方式', enum: [...PAYMENT_METHODS] })
  @IsIn(PAYMENT_METHODS)
  method!: (typeof PAYMENT_METHODS)[number];

  @RequiredText('缴费凭证号', 50)
  paymentRef!: string;
}

/** One investigation task (§54) or value-added project (§65) with its project team and review level. */
export class DispatchedTaskItem {
  @RequiredText('任务名称')
  title!: string;

  @RequiredText('目标企业')
  targetName!: string;

  @IsOptional()
  @Uscc('目标企业统一社会信用代码')
  targetCode?: string;

  @JSONSchema({ title: '项目经理（调查分析员用户名）' })
  @Matches(USERNAME, { message: 'projectManager must be a username' })
  projectManager!: string;

  @JSONSchema({ title: '项目成员（调查分析员用户名）', items: { type: 'string' } })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(USERNAME, { each: true, message: 'each member must be a username' })
  members!: string[];

  @JSONSchema({ title: '评审级别（不低于规定级别）', minimum: 0, maximum: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3)
  reviewLevel?: number;

  @JSONSchema({ title: '完成期限（工作日）', minimum: 1, maximum: 250 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  dueInWorkingDays?: number;
}

/** 任务分派 (001 §54, §65): the order split into tasks, each with its team and review level. */
export class TaskDispatchForm {
  @JSONSchema({ title: '调查任务/项目' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DispatchedTaskItem)
  tasks!: DispatchedTaskItem[];
}

/** 任务确认 (§55, §66). */
export class TaskConfirmForm {
  @JSONSchema({ title: '计划完成日期', format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  plannedFinishOn?: string;

  @OptionalText('说明')
  note?: string;
}

/** 调查准备 (§56): contact with the target, the report template, 目标企业资料收集清单, the visit date. */
export class InvestigationPreparationForm {
  @RequiredText('目标企业联系人', 100)
  contactPerson!: string;

  @JSONSchema({ title: '联系日期', format: 'date' })
  @IsISO8601({ strict: true })
  contactedOn!: string;

  @RequiredText('报告样本')
  reportTemplate!: string;

  @JSONSchema({ title: '目标企业资料收集清单', items: { type: 'string' } })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  documentList!: string[];

  @JSONSchema({ title: '约定实地调查日期', format: 'date' })
  @IsISO8601({ strict: true })
  visitScheduledOn!: string;
}

/** 实地调查 and 调查记录 (§57–58). */
export class FieldVisitForm {
  @JSONSchema({ title: '实地调查日期', format: 'date' })
  @IsISO8601({ strict: true })
  visitedOn!: string;

  @RequiredText('访谈对象', 500)
  interviewees!: string;

  @RequiredText('调查记录', 10000)
  findings!: string;

  @JSONSchema({ title: '已收集资料', items: { type: 'string' } })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  materialsCollected?: string[];
}

/** 报告制作 and the team's internal review (§59(一)(二)). */
export class ReportDraftForm {
  @JSONSchema({ title: '主要撰写人' })
  @Matches(USERNAME, { message: 'author must be a username' })
  author!: string;

  @RequiredText('项目组内部审核意见', 5000)
  internalReview!: string;
}

/** 报告上传 (§59(三)), the header of the 报告评审意见书 the project manager fills. */
export class ReportUploadForm {
  @RequiredText('报告编号', 50)
  reportNo!: string;

  @RequiredText('报告名称')
  reportName!: string;

  @RequiredText('报告文件', 500)
  fileRef!: string;

  @RequiredText('调查数据', 500)
  dataRef!: string;

  @OptionalText('报告描述/修改说明', 5000)
  summary?: string;
}

/** 报告评审意见书 (001 附件17) / 方案评审意见书 (附件18): what one level found and decided. */
export class ReviewOpinionForm {
  @OptionalText('评审情况', 5000)
  reviewSituation?: string;

  @RequiredText('评审意见', 5000)
  opinion!: string;
}

/** 方案设计 and upload after the project manager's internal review (§67). */
export class ValueAddedPlanForm {
  @RequiredText('方案编号', 50)
  planNo!: string;

  @RequiredText('方案名称')
  planName!: string;

  @RequiredText('方案文件', 500)
  fileRef!: string;

  @RequiredText('项目经理内部审核意见', 5000)
  internalReview!: string;

  @OptionalText('方案说明/修改说明', 5000)
  summary?: string;
}

/** 产品制作 (§69): the product made and its result registered. */
export class ValueAddedProductForm {
  @RequiredText('产品编号', 50)
  productNo!: string;

  @RequiredText('产品名称')
  productName!: string;

  @RequiredText('产品文件', 500)
  fileRef!: string;

  @RequiredText('产品结果', 5000)
  resultSummary!: string;

  @JSONSchema({ title: '数据记录数（批量数据类）', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  records?: number;
}

/**
 * 产品交付登记表 (001 附件16, §44(七)): client pickup needs the client's signature; mail, e-mail
 * or courier needs the handling voucher (经办凭证).
 */
export class ProductDeliveryForm {
  @JSONSchema({ title: '交付方式', enum: [...DELIVERY_METHODS] })
  @IsIn(DELIVERY_METHODS)
  deliveryMethod!: (typeof DELIVERY_METHODS)[number];

  @JSONSchema({ title: '交付日期', format: 'date' })
  @IsISO8601({ strict: true })
  deliveredOn!: string;

  @RequiredText('接收人', 100)
  recipientName!: string;

  @JSONSchema({ title: '客户电话' })
  @IsOptional()
  @Matches(/^[0-9+\-() ]{5,30}$/, { message: 'recipientPhone must be a telephone number' })
  recipientPhone?: string;

  @JSONSchema({ title: '客户已在登记表上签字（自取时必填）' })
  @ValidateIf((form: ProductDeliveryForm) => form.deliveryMethod === 'pickup')
  @Equals(true, { message: 'clientSigned must be true when the client picks the product up' })
  clientSigned?: boolean;

  @JSONSchema({ title: '经办凭证号（邮寄/EMAIL/送达时必填）' })
  @ValidateIf((form: ProductDeliveryForm) => form.deliveryMethod !== 'pickup')
  @IsString()
  @IsNotEmpty({ message: 'voucherRef is required unless the client picks the product up' })
  @MaxLength(100)
  voucherRef?: string;
}

/** Task forms by key (spread into TASK_FORMS). */
export const REPORT_TASK_FORMS = {
  'order-acceptance': OrderAcceptanceForm,
  'application-import': ApplicationImportForm,
  'member-validation': MemberValidationForm,
  'contract-dispatch': ContractDispatchForm,
  'product-contract': ProductContractForm,
  'contract-approval': ContractApprovalForm,
  'payment-mark': PaymentMarkForm,
  'task-dispatch': TaskDispatchForm,
  'task-confirm': TaskConfirmForm,
  'investigation-preparation': InvestigationPreparationForm,
  'investigation-field-visit': FieldVisitForm,
  'report-draft': ReportDraftForm,
  'report-upload': ReportUploadForm,
  'review-opinion': ReviewOpinionForm,
  'value-added-plan': ValueAddedPlanForm,
  'value-added-product': ValueAddedProductForm,
  'product-delivery': ProductDeliveryForm,
};

/** Nested payload classes the schema generator must inline (registered by report.process-types.ts). */
export const REPORT_NESTED_FORMS = [OrderSubjectItem, DispatchedTaskItem];

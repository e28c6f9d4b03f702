/**
 * Product and indicator management (产品与指标管理, 001 §22–32) as data and pure rules:
 * what the forms carry, how a maintenance is carried out in production, when two catalogues
 * are identical. The three workflows (P4, P4b, P4c) read this; nothing here does I/O.
 */

/** 服务类型 of the 征信产品立项书: a new product (产品新增) or a modification (产品修改), 001 §26. */
export const PRODUCT_SERVICE_TYPES = ['new', 'modify'] as const;
export type ProductServiceType = (typeof PRODUCT_SERVICE_TYPES)[number];

/** 产品类型: 简明/标准/定制/深度/增值服务/其他 (the report types of the 立项书, 000 附件1). */
export const PRODUCT_TYPES = ['brief', 'standard', 'custom', 'deep', 'value-added', 'other'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const PRODUCT_TYPE_ZH: Record<ProductType, string> = {
  brief: '简明报告',
  standard: '标准报告',
  custom: '定制报告',
  deep: '深度报告',
  'value-added': '增值服务',
  other: '其他',
};

/** 生成格式 on the 维护通知单. */
export const OUTPUT_FORMATS = ['PDF', 'DOC', 'HTML'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** P4b: 产品停用 / 产品启用 (001 §27). */
export const PRODUCT_STATUS_ACTIONS = ['stop', 'enable'] as const;
export type ProductStatusAction = (typeof PRODUCT_STATUS_ACTIONS)[number];

/** P4c: 指标增加 / 指标修改 / 指标删除 (001 §29). */
export const INDICATOR_ACTIONS = ['add', 'modify', 'delete'] as const;
export type IndicatorAction = (typeof INDICATOR_ACTIONS)[number];

export const ENVIRONMENTS = ['development', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** A product's state in one environment: being tested (development only), live, or stopped. */
export type ProductStatus = 'in-test' | 'enabled' | 'stopped';
export type IndicatorStatus = 'active' | 'deleted';

/** 指标项: one item of an indicator. */
export const INDICATOR_ITEM_TYPES = ['text', 'number', 'amount', 'date', 'code'] as const;
export interface IndicatorItem {
  name: string;
  dataType: (typeof INDICATOR_ITEM_TYPES)[number];
  description?: string;
}

/** 征信产品立项书 (001 附件8): the start input of P4 and the proposal step's form. */
export interface ProductProposal {
  serviceType: ProductServiceType;
  productCode: string;
  productName: string;
  productType: ProductType;
  /** 产品设计（修改）人员 */
  designer: string;
  /** 市场调查报告（摘要）: the survey the proposal rests on (001 §26(一)(1)). */
  surveyReport: string;
  /** 产品设计思路 / 老产品修改思路 */
  designIdea: string;
  /** 产品指标组成列表: the indicators the product is built from. */
  indicatorCodes: string[];
  /** 产品模块组成列表 */
  modules?: string[];
  header?: string;
  footer?: string;
  outputFormats?: OutputFormat[];
  /** 其他说明 */
  notes?: string;
  /** The case that asked for this proposal (an indicator maintenance, 001 §30(四)(3)). */
  requestedBy?: string;
}

/** 征信产品维护通知单 (001 附件11) for stop/enable: P4b's start input and notice form. */
export interface ProductStatusNotice {
  maintenanceType: ProductStatusAction;
  productCode: string;
  /** 维护意见: the change of policy, market demand or data source behind it (001 §27(一)). */
  reason: string;
  noticeNo?: string;
}

/** 指标维护通知单 (001 附件12): P4c's start input and notice form. */
export interface IndicatorNotice {
  action: IndicatorAction;
  indicatorCode: string;
  indicatorName: string;
  /** 指标项: required for add and modify. */
  items?: IndicatorItem[];
  /** 设计思路 */
  designIdea: string;
  /** 数据提供单位 / 数据来源 */
  dataSource?: string;
  noticeNo?: string;
}

/** A product as the catalogue holds it in one environment. */
export interface ProductSnapshot {
  code: string;
  name: string;
  productType: ProductType;
  status: ProductStatus;
  version: number;
  definition: Record<string, unknown>;
  indicatorCodes: string[];
}

export interface IndicatorSnapshot {
  code: string;
  name: string;
  items: IndicatorItem[];
  status: IndicatorStatus;
  version: number;
  dataSource: string | null;
}

/** How the product and indicator procedures are run; one object, not copies of workflows. */
export interface ProductProcedurePolicy {
  source: string;
  /**
   * Signatures confirming the committee secretary's record (产品评审意见书, 001 §26(三)(2)
   * "参会人员签字确认"): each by a different committee member, never by the secretary who wrote it.
   */
  committeeSignatures: number;
  /** 001 §32: departments are told on the N-th working day after the maintenance. */
  notifyOnWorkingDay: number;
}

export const PRODUCT_POLICY: ProductProcedurePolicy = {
  source: '001 §22–32',
  committeeSignatures: 2,
  notifyOnWorkingDay: 2,
};

/** The committee secretary's decision on the record (评审结论), taking effect once members signed. */
export const COMMITTEE_DECISIONS = ['approve', 'return', 'revise', 'reject'] as const;
export type CommitteeDecision = (typeof COMMITTEE_DECISIONS)[number];

/**
 * The signatures of one committee record are a step of their own (no member signs the same record
 * twice): `committee-sign-<n>` for the n-th record of a case. A record is rarely disputed more than
 * once; from the fifth record on, the records share the fifth step, so a member who signed one of
 * them does not sign a later one (four-eyes stays at least as strict).
 */
export const COMMITTEE_SIGN_STEPS = ['committee-sign-1', 'committee-sign-2', 'committee-sign-3', 'committee-sign-4', 'committee-sign-5'] as const;
export type CommitteeSignStep = (typeof COMMITTEE_SIGN_STEPS)[number];

export function committeeSignStep(record: number): CommitteeSignStep {
  return COMMITTEE_SIGN_STEPS[Math.min(Math.max(record, 1), COMMITTEE_SIGN_STEPS.length) - 1];
}

/** One operation of a production maintenance, in the order the sysadmin performs them. */
export type ProductOperation = 'create' | 'stop' | 'modify' | 'enable';

/**
 * 001 §26(四): a new product is created and enabled (新增产品，同时做启用标志); a modified one is
 * first stopped, then modified, then enabled (先停止该产品，再修改产品、做启用标志). A product that
 * is already stopped in production is not stopped again.
 */
export function productMaintenancePlan(serviceType: ProductServiceType, productionStatus: ProductStatus | null): ProductOperation[] {
  if (serviceType === 'new') return ['create', 'enable'];
  return productionStatus === 'stopped' ? ['modify', 'enable'] : ['stop', 'modify', 'enable'];
}

/** Why a proposal cannot go on as it stands (the developer corrects it or abandons the case). */
export function proposalProblem(
  proposal: Pick<ProductProposal, 'serviceType' | 'productCode' | 'indicatorCodes'>,
  catalogue: { inProduction: boolean; inDevelopmentByOtherCase: string | null; missingIndicators: string[] },
): string | null {
  if (proposal.serviceType === 'new' && catalogue.inProduction) return `产品编号 ${proposal.productCode} 已在生产环境中存在，应提出产品修改`;
  if (proposal.serviceType === 'modify' && !catalogue.inProduction) return `生产环境中没有产品 ${proposal.productCode}，无法修改`;
  if (catalogue.inDevelopmentByOtherCase) return `产品 ${proposal.productCode} 正由案件 ${catalogue.inDevelopmentByOtherCase} 研发测试中`;
  if (catalogue.missingIndicators.length) return `开发环境中没有这些有效指标：${catalogue.missingIndicators.join('、')}`;
  return null;
}

/** P4b: a product can only be stopped when live and enabled when stopped. */
export function statusChangeProblem(action: ProductStatusAction, production: { status: ProductStatus } | null, code: string): string | null {
  if (!production) return `生产环境中没有产品 ${code}`;
  if (action === 'stop' && production.status !== 'enabled') return `产品 ${code} 当前不是启用状态，无法停用`;
  if (action === 'enable' && production.status !== 'stopped') return `产品 ${code} 当前不是停用状态，无法启用`;
  return null;
}

export function statusAfter(action: ProductStatusAction): ProductStatus {
  return action === 'stop' ? 'stopped' : 'enabled';
}

/** P4c: add needs a new code; modify and delete need a live indicator; add and modify need items. */
export function indicatorNoticeProblem(notice: Pick<IndicatorNotice, 'action' | 'indicatorCode' | 'items'>, existing: { development: IndicatorStatus | null; production: IndicatorStatus | null }): string | null {
  const live = (s: IndicatorStatus | null) => s === 'active';
  if (notice.action === 'add' && (live(existing.development) || live(existing.production))) return `指标 ${notice.indicatorCode} 已存在，应提出指标修改`;
  if (notice.action !== 'add' && !(live(existing.development) && live(existing.production))) return `开发和生产环境中没有有效指标 ${notice.indicatorCode}`;
  if (notice.action !== 'delete' && !notice.items?.length) return '指标增加、修改须列出指标项';
  return null;
}

/**
 * 001 §30(四)(3): when the indicator to change feeds existing products, the applicant proposes a
 * product modification first. The proposal for one affected product, prefilled for the developer.
 */
export function productModificationFor(product: ProductSnapshot, notice: IndicatorNotice, ctx: { indicatorCaseId: string; designer: string }): ProductProposal {
  const verb = notice.action === 'delete' ? '删除' : '修改';
  const definition = product.definition as Partial<ProductProposal>;
  return {
    serviceType: 'modify',
    productCode: product.code,
    productName: product.name,
    productType: product.productType,
    designer: ctx.designer,
    surveyReport: `指标维护（${ctx.indicatorCaseId}）拟${verb}指标 ${notice.indicatorCode}「${notice.indicatorName}」，本产品使用该指标。`,
    designIdea: notice.action === 'delete' ? `从产品中去除指标 ${notice.indicatorCode}` : `按修改后的指标 ${notice.indicatorCode} 调整产品`,
    indicatorCodes: notice.action === 'delete' ? product.indicatorCodes.filter((c) => c !== notice.indicatorCode) : [...product.indicatorCodes],
    ...(definition.modules && { modules: definition.modules }),
    ...(definition.outputFormats && { outputFormats: definition.outputFormats }),
    requestedBy: ctx.indicatorCaseId,
  };
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * 001 §29: after every indicator maintenance all indicators and their items are the same in
 * development and production. Lists every difference (empty = identical).
 */
export function indicatorDifferences(development: IndicatorSnapshot[], production: IndicatorSnapshot[]): string[] {
  const prod = new Map(production.map((i) => [i.code, i]));
  const dev = new Map(development.map((i) => [i.code, i]));
  const differences: string[] = [];
  for (const [code, d] of dev) {
    const p = prod.get(code);
    if (!p) differences.push(`${code}: only in development`);
    else if (stable({ ...d }) !== stable({ ...p })) differences.push(`${code}: development v${d.version} ${d.status} ≠ production v${p.version} ${p.status}`);
  }
  for (const code of prod.keys()) if (!dev.has(code)) differences.push(`${code}: only in production`);
  return differences;
}

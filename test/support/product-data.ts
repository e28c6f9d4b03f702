/**
 * Test data for the product procedures (P4, P4b, P4c): products and indicators of a test's own
 * (unique codes, the same in development and production), the forms' payloads, and lookups.
 */
import { Client, WorkflowHandle } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { ProcessResult } from '../../libs/contracts/workflow-contract';
import type { Harness } from './workflow-harness';
import type { Environment, IndicatorItem, ProductProposal } from '../../libs/domain/product-policy';
import { IndicatorEntity } from '../../libs/persistence/entities/indicator.entity';
import { ProductChangeEntity } from '../../libs/persistence/entities/product-change.entity';
import { ProductEntity } from '../../libs/persistence/entities/product.entity';
import { ProductIndicatorEntity } from '../../libs/persistence/entities/product-indicator.entity';

let counter = 0;
/** A code no other test (or earlier run on the same database) uses. */
export function uniqueCode(prefix: 'CP' | 'ZB'): string {
  counter += 1;
  return `${prefix}-T${Date.now().toString(36).toUpperCase()}${process.pid.toString(36).toUpperCase()}${counter}`;
}

export const ITEMS: IndicatorItem[] = [
  { name: '指标项甲', dataType: 'text' },
  { name: '指标项乙', dataType: 'amount', description: '单位：万元' },
];

/** An indicator, active and identical in both environments. */
export async function createTestIndicator(dataSource: DataSource, name = '测试指标'): Promise<string> {
  const code = uniqueCode('ZB');
  for (const environment of ['development', 'production'] as const) {
    await dataSource.getRepository(IndicatorEntity).insert({ environment, code, name, items: ITEMS, dataSource: '测试数据提供单位', status: 'active', version: 1 });
  }
  return code;
}

/** A live product built from the given indicators, identical in both environments. */
export async function createTestProduct(dataSource: DataSource, indicatorCodes: string[], name = '测试产品'): Promise<string> {
  const code = uniqueCode('CP');
  for (const environment of ['development', 'production'] as const) {
    await dataSource.getRepository(ProductEntity).insert({ environment, code, name, productType: 'standard', status: 'enabled', version: 1, definition: { designer: '产品研发部', modules: ['基本信息'] } });
    await dataSource.getRepository(ProductIndicatorEntity).insert(indicatorCodes.map((indicatorCode) => ({ environment, productCode: code, indicatorCode })));
  }
  return code;
}

export function proposal(overrides: Partial<ProductProposal> & Pick<ProductProposal, 'productCode' | 'indicatorCodes'>): ProductProposal {
  return {
    serviceType: 'new',
    productName: '企业信用评价报告',
    productType: 'standard',
    designer: 'product_developer_1',
    surveyReport: '走访12家合作银行，均需要一份含行政处罚与欠税信息的标准报告。',
    designIdea: '在简明报告基础上增加行政处罚、欠税模块。',
    modules: ['基本信息', '行政处罚'],
    outputFormats: ['PDF', 'HTML'],
    ...overrides,
  };
}

export const TEST_PLAN = { mainParameters: '报告模板 V2；指标取数口径：最近24个月', testPlan: '用50户模拟企业数据逐项核对各模块输出。' };
export const TEST_FAILED = { testData: '模拟企业50户', testResult: '欠税模块金额单位错误（元/万元）', managerOpinion: '需修正取数口径', developerOpinion: '同意' };
export const TEST_PASSED = { testData: '模拟企业50户', testResult: '全部模块输出正确', managerOpinion: '通过', developerOpinion: '通过', sampleRef: 'YB-001' };
export const REVIEW = { reviewType: 'launch', meetingDate: '2026-03-02', chairedBy: '评审委主任', attendees: ['评审委员1', '评审委员2', '评审委秘书'], opinion: '同意投产', reviewSummary: '材料齐全，测试充分' };
export const INDICATOR_REVIEW = { meetingDate: '2026-03-02', chairedBy: '评审委主任', attendees: ['评审委员1', '评审委员2'], opinion: '同意维护' };
export const NOTICE = { noticeNo: 'WH-2026-001', outputFormats: ['PDF'] };
export const MAINTENANCE = { operationNote: '已按通知单操作' };
export const INDICATOR_TEST_PASSED = { testData: '开发环境模拟数据', testResult: '指标取数正确' };
export const INDICATOR_TEST_FAILED = { testData: '开发环境模拟数据', testResult: '指标项乙取数为空' };

export function productRow(dataSource: DataSource, environment: Environment, code: string): Promise<ProductEntity | null> {
  return dataSource.getRepository(ProductEntity).findOneBy({ environment, code });
}

export function indicatorRow(dataSource: DataSource, environment: Environment, code: string): Promise<IndicatorEntity | null> {
  return dataSource.getRepository(IndicatorEntity).findOneBy({ environment, code });
}

export async function linksOf(dataSource: DataSource, environment: Environment, productCode: string): Promise<string[]> {
  return (await dataSource.getRepository(ProductIndicatorEntity).find({ where: { environment, productCode }, order: { indicatorCode: 'ASC' } })).map((l) => l.indicatorCode);
}

/** The catalogue operations a case performed, in order: [environment, operation]. */
export async function changesOf(dataSource: DataSource, processId: string, code: string): Promise<Array<[string, string]>> {
  return (await dataSource.getRepository(ProductChangeEntity).find({ where: { processId, code }, order: { id: 'ASC' } })).map((c) => [c.environment, c.operation]);
}

/**
 * A case's result, waited for with a plain client: the time-skipping client's `result()` lets the
 * server skip ahead while it waits, which would move the shared clock of later tests.
 */
export async function settled(h: Harness, handle: WorkflowHandle): Promise<ProcessResult> {
  return new Client({ connection: h.server.env.connection, namespace: 'default' }).workflow.getHandle(handle.workflowId).result();
}

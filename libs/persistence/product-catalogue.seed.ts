/**
 * Sample product and indicator catalogues (P4, P4b, P4c) for the embedded setup: the same in
 * development and production, as 001 §29 requires after every maintenance. Idempotent.
 */
import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ENVIRONMENTS, IndicatorItem, ProductType } from '../domain/product-policy';
import { IndicatorEntity } from './entities/indicator.entity';
import { ProductEntity } from './entities/product.entity';
import { ProductIndicatorEntity } from './entities/product-indicator.entity';

export const SAMPLE_INDICATORS: Array<{ code: string; name: string; dataSource: string; items: IndicatorItem[] }> = [
  {
    code: 'ZB-BASIC-INFO',
    name: '企业基本信息',
    dataSource: '市市场监督管理局',
    items: [
      { name: '企业名称', dataType: 'text' },
      { name: '统一社会信用代码', dataType: 'code' },
      { name: '注册资本', dataType: 'amount' },
      { name: '成立日期', dataType: 'date' },
      { name: '法定代表人', dataType: 'text' },
    ],
  },
  {
    code: 'ZB-PENALTY',
    name: '行政处罚信息',
    dataSource: '市生态环境局',
    items: [
      { name: '处罚决定书文号', dataType: 'code' },
      { name: '处罚事由', dataType: 'text' },
      { name: '处罚金额', dataType: 'amount' },
      { name: '处罚日期', dataType: 'date' },
    ],
  },
  {
    code: 'ZB-TAX-ARREARS',
    name: '欠税信息',
    dataSource: '市税务局',
    items: [
      { name: '欠税税种', dataType: 'text' },
      { name: '欠税金额', dataType: 'amount' },
      { name: '所属期', dataType: 'date' },
    ],
  },
  {
    code: 'ZB-LOAN',
    name: '信贷信息',
    dataSource: '某商业银行武汉分行',
    items: [
      { name: '贷款余额', dataType: 'amount' },
      { name: '贷款机构', dataType: 'text' },
      { name: '到期日', dataType: 'date' },
    ],
  },
  {
    code: 'ZB-QUERY-RECORD',
    name: '查询记录',
    dataSource: '征信中心',
    items: [
      { name: '查询机构', dataType: 'text' },
      { name: '查询时间', dataType: 'date' },
      { name: '查询原因', dataType: 'text' },
    ],
  },
];

export const SAMPLE_PRODUCTS: Array<{ code: string; name: string; productType: ProductType; indicatorCodes: string[]; definition: Record<string, unknown> }> = [
  {
    code: 'CP-BRIEF',
    name: '企业信用简明报告',
    productType: 'brief',
    indicatorCodes: ['ZB-BASIC-INFO', 'ZB-PENALTY'],
    definition: { designer: '产品研发部', modules: ['基本信息', '行政处罚'], outputFormats: ['PDF'] },
  },
  {
    code: 'CP-STANDARD',
    name: '企业信用标准报告',
    productType: 'standard',
    indicatorCodes: ['ZB-BASIC-INFO', 'ZB-PENALTY', 'ZB-TAX-ARREARS', 'ZB-LOAN', 'ZB-QUERY-RECORD'],
    definition: { designer: '产品研发部', modules: ['基本信息', '行政处罚', '欠税', '信贷', '查询记录'], outputFormats: ['PDF', 'HTML'] },
  },
];

export async function seedProductCatalogue(dataSource: DataSource): Promise<void> {
  for (const environment of ENVIRONMENTS) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(IndicatorEntity)
      .values(SAMPLE_INDICATORS.map((i) => ({ environment, ...i, status: 'active' as const, version: 1 })))
      .orIgnore()
      .execute();
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(ProductEntity)
      .values(SAMPLE_PRODUCTS.map(({ indicatorCodes: _i, ...p }) => ({ environment, ...p, status: 'enabled', version: 1 }) as QueryDeepPartialEntity<ProductEntity>))
      .orIgnore()
      .execute();
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(ProductIndicatorEntity)
      .values(SAMPLE_PRODUCTS.flatMap((p) => p.indicatorCodes.map((indicatorCode) => ({ environment, productCode: p.code, indicatorCode }))))
      .orIgnore()
      .execute();
  }
}

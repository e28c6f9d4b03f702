/**
 * The product and indicator catalogues the P4 procedures act on (001 §22–32): set-up and tests
 * in development, maintenance in production, and the check that both environments agree.
 * Every operation is written to product_catalogue_changes in the same transaction, keyed by case,
 * operation and round, so a retried activity never applies an operation twice.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type {
  ApplyIndicatorChangeInput,
  ApplyProductMaintenanceInput,
  CatalogueTestRunInput,
  ChangeProductStatusInput,
  CheckIndicatorNoticeInput,
  CheckProductProposalInput,
  CheckProductStatusChangeInput,
  DiscardProductDevelopmentInput,
  EnvironmentComparison,
  IndicatorPromotion,
  ProductMaintenanceResult,
  ProductsUsingIndicatorInput,
  ProductStatusChangeResult,
  ProductStatusCheck,
  PromoteIndicatorsInput,
  SetUpProductInput,
} from '../libs/contracts/product-contracts';
import { WorkflowFailureType } from '../libs/contracts/failure-types';
import {
  Environment,
  IndicatorSnapshot,
  indicatorDifferences,
  indicatorNoticeProblem,
  ProductOperation,
  productMaintenancePlan,
  ProductProposal,
  ProductSnapshot,
  proposalProblem,
  statusAfter,
  statusChangeProblem,
} from '../libs/domain/product-policy';
import { ProcessEntity } from '../libs/persistence/entities';
import { IndicatorEntity } from '../libs/persistence/entities/indicator.entity';
import { ProductChangeEntity } from '../libs/persistence/entities/product-change.entity';
import { ProductEntity } from '../libs/persistence/entities/product.entity';
import { ProductIndicatorEntity } from '../libs/persistence/entities/product-indicator.entity';
import { ProductTestRunEntity } from '../libs/persistence/entities/product-test-run.entity';
import type { ActivityDeps } from './index';

interface Change {
  processId: string;
  catalogue: 'product' | 'indicator';
  environment: Environment;
  code: string;
  operation: string;
  round?: number;
  version: number;
  changedBy: string;
  changedAt: string;
}

/** Records an operation; false when this case already recorded it (the activity is being retried). */
async function recordChange(tx: EntityManager, change: Change): Promise<boolean> {
  const result = await tx
    .createQueryBuilder()
    .insert()
    .into(ProductChangeEntity)
    .values({ ...change, round: change.round ?? 1, changedAt: new Date(change.changedAt) })
    .orIgnore()
    .execute();
  return (result.raw as unknown[]).length > 0;
}

async function recordedChanges(tx: EntityManager, where: Partial<Pick<ProductChangeEntity, 'processId' | 'catalogue' | 'environment' | 'code' | 'operation' | 'round'>>): Promise<ProductChangeEntity[]> {
  return tx.getRepository(ProductChangeEntity).find({ where, order: { id: 'ASC' } });
}

async function linksOf(tx: EntityManager, environment: Environment, productCodes: string[]): Promise<Map<string, string[]>> {
  const rows = productCodes.length ? await tx.getRepository(ProductIndicatorEntity).find({ where: { environment, productCode: In(productCodes) }, order: { id: 'ASC' } }) : [];
  const byProduct = new Map<string, string[]>(productCodes.map((code) => [code, []]));
  for (const row of rows) byProduct.get(row.productCode)!.push(row.indicatorCode);
  return byProduct;
}

async function replaceLinks(tx: EntityManager, environment: Environment, productCode: string, indicatorCodes: string[]): Promise<void> {
  await tx.getRepository(ProductIndicatorEntity).delete({ environment, productCode });
  if (indicatorCodes.length === 0) return;
  await tx
    .createQueryBuilder()
    .insert()
    .into(ProductIndicatorEntity)
    .values(indicatorCodes.map((indicatorCode) => ({ environment, productCode, indicatorCode })))
    .orIgnore()
    .execute();
}

function snapshotOf(product: ProductEntity, indicatorCodes: string[]): ProductSnapshot {
  return { code: product.code, name: product.name, productType: product.productType, status: product.status, version: product.version, definition: product.definition, indicatorCodes };
}

function indicatorSnapshot(row: IndicatorEntity): IndicatorSnapshot {
  return { code: row.code, name: row.name, items: row.items, status: row.status, version: row.version, dataSource: row.dataSource };
}

/** The 立项书 as kept with the product (everything but what has its own column). */
function definitionOf(proposal: ProductProposal): Record<string, unknown> {
  const { serviceType: _s, productCode: _c, productName: _n, productType: _t, indicatorCodes: _i, ...definition } = proposal;
  return definition;
}

function fail(message: string, type: WorkflowFailureType): never {
  throw ApplicationFailure.nonRetryable(message, type);
}

export function createProductActivities({ dataSource }: ActivityDeps) {
  const products = () => dataSource.getRepository(ProductEntity);
  const indicators = () => dataSource.getRepository(IndicatorEntity);

  return {
    /** 001 §26(一): can this 立项书 go ahead (new vs existing code, indicators available in development)? */
    async checkProductProposal(input: CheckProductProposalInput): Promise<string | null> {
      const { proposal } = input;
      const production = await products().findOneBy({ environment: 'production', code: proposal.productCode });
      const development = await products().findOneBy({ environment: 'development', code: proposal.productCode });
      let inDevelopmentByOtherCase: string | null = null;
      if (development?.status === 'in-test' && development.lastProcessId && development.lastProcessId !== input.processId) {
        const other = await dataSource.getRepository(ProcessEntity).findOneBy({ processId: development.lastProcessId, status: 'running' });
        inDevelopmentByOtherCase = other ? other.processId : null;
      }
      const active = await indicators().find({ where: { environment: 'development', code: In(proposal.indicatorCodes), status: 'active' }, select: { code: true } });
      const found = new Set(active.map((i) => i.code));
      return proposalProblem(proposal, { inProduction: !!production, inDevelopmentByOtherCase, missingIndicators: proposal.indicatorCodes.filter((c) => !found.has(c)) });
    },

    /**
     * 产品管理人员在开发系统中增加企业征信产品 (001 §26(一)(2)): the product as proposed, in development,
     * status in-test, with its indicators; every set-up raises the development version.
     */
    async setUpProductInDevelopment(input: SetUpProductInput): Promise<{ version: number }> {
      const { proposal } = input;
      return dataSource.transaction(async (tx) => {
        const where = { processId: input.processId, catalogue: 'product' as const, environment: 'development' as const, code: proposal.productCode, operation: 'set-up', round: input.round };
        const [done] = await recordedChanges(tx, where);
        if (done) return { version: done.version };
        const repo = tx.getRepository(ProductEntity);
        const existing = await repo.findOneBy({ environment: 'development', code: proposal.productCode });
        const version = (existing?.version ?? 0) + 1;
        const row = {
          name: proposal.productName,
          productType: proposal.productType,
          status: 'in-test' as const,
          version,
          definition: { ...definitionOf(proposal), testPlan: input.testPlan },
          lastProcessId: input.processId,
          changedAt: new Date(input.at),
        };
        if (existing) await repo.update(existing.id, row);
        else await repo.insert({ environment: 'development', code: proposal.productCode, ...row });
        await replaceLinks(tx, 'development', proposal.productCode, proposal.indicatorCodes);
        await recordChange(tx, { ...where, version, changedBy: input.by, changedAt: input.at });
        return { version };
      });
    },

    /** One run of a product or indicator test, pass or fail, as written in the test report. */
    async recordCatalogueTestRun(input: CatalogueTestRunInput): Promise<void> {
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(ProductTestRunEntity)
        .values({ ...input, testedAt: new Date(input.testedAt) } as QueryDeepPartialEntity<ProductTestRunEntity>)
        .orIgnore()
        .execute();
    },

    /**
     * A case that ends without maintenance (rejected or abandoned) leaves development as production
     * has it: a new product's test set-up is removed, a modified one is restored.
     */
    async discardProductDevelopment(input: DiscardProductDevelopmentInput): Promise<{ discarded: boolean }> {
      return dataSource.transaction(async (tx) => {
        const repo = tx.getRepository(ProductEntity);
        const development = await repo.findOneBy({ environment: 'development', code: input.productCode });
        if (!development || development.lastProcessId !== input.processId || development.status !== 'in-test') return { discarded: false };
        const production = await repo.findOneBy({ environment: 'production', code: input.productCode });
        if (production) {
          await repo.update(development.id, { name: production.name, productType: production.productType, status: production.status, version: production.version, definition: production.definition, lastProcessId: input.processId, changedAt: new Date(input.at) } as QueryDeepPartialEntity<ProductEntity>);
          await replaceLinks(tx, 'development', input.productCode, (await linksOf(tx, 'production', [input.productCode])).get(input.productCode)!);
        } else {
          await repo.delete(development.id);
          await replaceLinks(tx, 'development', input.productCode, []);
        }
        await recordChange(tx, { processId: input.processId, catalogue: 'product', environment: 'development', code: input.productCode, operation: 'discard', version: production?.version ?? 0, changedBy: input.by, changedAt: input.at });
        return { discarded: true };
      });
    },

    /**
     * 001 §26(四): the system administrator maintains production from the tested development
     * product: new → create, enable; modify → stop, modify, enable. Development then mirrors production.
     */
    async applyProductMaintenance(input: ApplyProductMaintenanceInput): Promise<ProductMaintenanceResult> {
      return dataSource.transaction(async (tx) => {
        const base = { processId: input.processId, catalogue: 'product' as const, environment: 'production' as const, code: input.productCode };
        const done = await recordedChanges(tx, base);
        if (done.length) return { version: done.at(-1)!.version, operations: done.map((c) => c.operation as ProductOperation) };

        const repo = tx.getRepository(ProductEntity);
        const development = await repo.findOneBy({ environment: 'development', code: input.productCode });
        if (!development || development.lastProcessId !== input.processId) fail(`product ${input.productCode} in development was not set up by ${input.processId}`, WorkflowFailureType.ProductNotSetUp);
        let production = await repo.findOneBy({ environment: 'production', code: input.productCode });
        if (input.serviceType === 'new' && production) fail(`product ${input.productCode} already exists in production`, WorkflowFailureType.ProductExists);
        if (input.serviceType === 'modify' && !production) fail(`product ${input.productCode} is not in production`, WorkflowFailureType.ProductNotFound);

        const definition = { ...development.definition, outputFormats: input.outputFormats };
        const changedAt = new Date(input.at);
        const plan = productMaintenancePlan(input.serviceType, production?.status ?? null);
        for (const operation of plan) {
          switch (operation) {
            case 'create':
              await repo.insert({ environment: 'production', code: input.productCode, name: development.name, productType: development.productType, status: 'stopped', version: development.version, definition, lastProcessId: input.processId, changedAt });
              await replaceLinks(tx, 'production', input.productCode, (await linksOf(tx, 'development', [input.productCode])).get(input.productCode)!);
              break;
            case 'stop':
              await repo.update(production!.id, { status: 'stopped', lastProcessId: input.processId, changedAt });
              break;
            case 'modify':
              await repo.update(production!.id, { name: development.name, productType: development.productType, version: development.version, definition, lastProcessId: input.processId, changedAt });
              await replaceLinks(tx, 'production', input.productCode, (await linksOf(tx, 'development', [input.productCode])).get(input.productCode)!);
              break;
            case 'enable':
              await repo.update({ environment: 'production', code: input.productCode }, { status: 'enabled', lastProcessId: input.processId, changedAt });
              break;
          }
          production = await repo.findOneByOrFail({ environment: 'production', code: input.productCode });
          await recordChange(tx, { ...base, operation, version: production.version, changedBy: input.by, changedAt: input.at });
        }
        await repo.update(development.id, { status: production!.status, definition, changedAt });
        return { version: production!.version, operations: plan };
      });
    },

    /** P4b: is the product there and in the opposite state? */
    async checkProductStatusChange(input: CheckProductStatusChangeInput): Promise<ProductStatusCheck> {
      const production = await products().findOneBy({ environment: 'production', code: input.notice.productCode });
      return { problem: statusChangeProblem(input.notice.maintenanceType, production, input.notice.productCode), productName: production?.name };
    },

    /** 001 §27(二)(2): the product is stopped or enabled in production. */
    async changeProductStatus(input: ChangeProductStatusInput): Promise<ProductStatusChangeResult> {
      return dataSource.transaction(async (tx) => {
        const repo = tx.getRepository(ProductEntity);
        const production = await repo.findOneBy({ environment: 'production', code: input.productCode });
        if (!production) fail(`product ${input.productCode} is not in production`, WorkflowFailureType.ProductNotFound);
        const recorded = await recordChange(tx, { processId: input.processId, catalogue: 'product', environment: 'production', code: input.productCode, operation: input.action, version: production.version, changedBy: input.by, changedAt: input.at });
        if (recorded) {
          const problem = statusChangeProblem(input.action, production, input.productCode);
          if (problem) fail(problem, WorkflowFailureType.ProductStatusChanged);
          await repo.update(production.id, { status: statusAfter(input.action), lastProcessId: input.processId, changedAt: new Date(input.at) });
        }
        return { status: statusAfter(input.action), version: production.version };
      });
    },

    /** The live products built from an indicator (production links), for the P4 modifications 001 §30(四)(3) asks for. */
    async productsUsingIndicator(input: ProductsUsingIndicatorInput): Promise<ProductSnapshot[]> {
      const links = await dataSource.getRepository(ProductIndicatorEntity).find({ where: { environment: 'production', indicatorCode: input.indicatorCode }, order: { productCode: 'ASC' } });
      const codes = links.map((l) => l.productCode);
      if (codes.length === 0) return [];
      const rows = await products().find({ where: { environment: 'production', code: In(codes) }, order: { code: 'ASC' } });
      const byProduct = await linksOf(dataSource.manager, 'production', codes);
      return rows.map((row) => snapshotOf(row, byProduct.get(row.code) ?? []));
    },

    async checkIndicatorNotice(input: CheckIndicatorNoticeInput): Promise<string | null> {
      const rows = await indicators().findBy({ code: input.notice.indicatorCode });
      const status = (environment: Environment) => rows.find((r) => r.environment === environment)?.status ?? null;
      return indicatorNoticeProblem(input.notice, { development: status('development'), production: status('production') });
    },

    /** 001 §30(四)(1): the system administrator adds, modifies or deletes the indicator in development. */
    async applyIndicatorChangeInDevelopment(input: ApplyIndicatorChangeInput): Promise<{ version: number }> {
      const { notice } = input;
      return dataSource.transaction(async (tx) => {
        const base = { processId: input.processId, catalogue: 'indicator' as const, environment: 'development' as const, code: notice.indicatorCode, operation: notice.action };
        const [done] = await recordedChanges(tx, base);
        if (done) return { version: done.version };
        const repo = tx.getRepository(IndicatorEntity);
        const existing = await repo.findOneBy({ environment: 'development', code: notice.indicatorCode });
        const changedAt = new Date(input.at);
        const version = (existing?.version ?? 0) + 1;
        if (notice.action === 'delete') {
          const users = await tx.getRepository(ProductIndicatorEntity).find({ where: { indicatorCode: notice.indicatorCode } });
          if (users.length) fail(`indicator ${notice.indicatorCode} still feeds ${[...new Set(users.map((u) => `${u.productCode} (${u.environment})`))].join(', ')}`, WorkflowFailureType.IndicatorStillUsed);
          if (!existing) fail(`indicator ${notice.indicatorCode} is not in development`, WorkflowFailureType.IndicatorNotFound);
          await repo.update(existing.id, { status: 'deleted', version, lastProcessId: input.processId, changedAt });
        } else {
          const row = { name: notice.indicatorName, items: notice.items ?? [], dataSource: notice.dataSource ?? existing?.dataSource ?? null, status: 'active' as const, version, lastProcessId: input.processId, changedAt };
          if (existing) await repo.update(existing.id, row);
          else await repo.insert({ environment: 'development', code: notice.indicatorCode, ...row });
        }
        await recordChange(tx, { ...base, version, changedBy: input.by, changedAt: input.at });
        return { version };
      });
    },

    /**
     * 001 §30(四)(2) with §29: the indicators maintained in development are imported into production,
     * all of them, so that both environments hold the same indicators and items afterwards.
     */
    async promoteIndicatorsToProduction(input: PromoteIndicatorsInput): Promise<IndicatorPromotion> {
      return dataSource.transaction(async (tx) => {
        const repo = tx.getRepository(IndicatorEntity);
        const development = await repo.find({ where: { environment: 'development' }, order: { code: 'ASC' } });
        const production = new Map((await repo.find({ where: { environment: 'production' } })).map((row) => [row.code, row]));
        const promoted: string[] = [];
        for (const dev of development) {
          const prod = production.get(dev.code);
          const copy = { name: dev.name, items: dev.items, dataSource: dev.dataSource, status: dev.status, version: dev.version };
          if (prod && indicatorDifferences([indicatorSnapshot(dev)], [indicatorSnapshot(prod)]).length === 0) continue;
          if (prod) await repo.update(prod.id, { ...copy, lastProcessId: input.processId, changedAt: new Date(input.at) });
          else await repo.insert({ environment: 'production', code: dev.code, ...copy, lastProcessId: input.processId, changedAt: new Date(input.at) });
          await recordChange(tx, { processId: input.processId, catalogue: 'indicator', environment: 'production', code: dev.code, operation: 'promote', version: dev.version, changedBy: input.by, changedAt: input.at });
          promoted.push(dev.code);
        }
        if (promoted.length === 0) {
          // A retry after the first attempt committed: report what that attempt promoted.
          promoted.push(...(await recordedChanges(tx, { processId: input.processId, catalogue: 'indicator', environment: 'production', operation: 'promote' })).map((c) => c.code));
        }
        return { promoted };
      });
    },

    /** 001 §29: are development and production identical, indicator by indicator, item by item? */
    async compareIndicatorEnvironments(): Promise<EnvironmentComparison> {
      const rows = await indicators().find({ order: { code: 'ASC' } });
      const of = (environment: Environment) => rows.filter((r) => r.environment === environment).map(indicatorSnapshot);
      const differences = indicatorDifferences(of('development'), of('production'));
      return { identical: differences.length === 0, indicators: of('development').length, differences };
    },
  };
}

/**
 * What the product workflows (P4, P4b, P4c) pass to the product activities and get back
 * (activities/product.activities.ts): one definition, imported on both sides.
 */
import type {
  IndicatorNotice,
  OutputFormat,
  ProductOperation,
  ProductProposal,
  ProductServiceType,
  ProductStatusAction,
  ProductStatusNotice,
} from '../domain/product-policy';

/** Who carried out an operation on the catalogue, and when (workflow time). */
interface ByWhomAt {
  processId: string;
  by: string;
  at: string;
}

export interface CheckProductProposalInput {
  processId: string;
  proposal: ProductProposal;
}

/** 001 §26(一)(2): the product as proposed, set up in development with the test plan (产品测试方案). */
export interface SetUpProductInput extends ByWhomAt {
  /** The n-th set-up of this case (a revised proposal is set up again). */
  round: number;
  proposal: ProductProposal;
  testPlan: Record<string, unknown>;
}

export interface CatalogueTestRunInput {
  processId: string;
  subject: 'product' | 'indicator';
  code: string;
  round: number;
  result: 'passed' | 'failed';
  /** The test report as the tester filed it (产品测试报告, or the result on the 指标维护通知单). */
  report: Record<string, unknown>;
  testedBy: string;
  testedAt: string;
}

export interface DiscardProductDevelopmentInput extends ByWhomAt {
  productCode: string;
}

export interface ApplyProductMaintenanceInput extends ByWhomAt {
  productCode: string;
  serviceType: ProductServiceType;
  outputFormats: OutputFormat[];
}

export interface ProductMaintenanceResult {
  version: number;
  operations: ProductOperation[];
}

export interface CheckProductStatusChangeInput {
  notice: ProductStatusNotice;
}

/** Why the stop or enable cannot be done (or null), and the product's name in production. */
export interface ProductStatusCheck {
  problem: string | null;
  productName?: string;
}

export interface ChangeProductStatusInput extends ByWhomAt {
  productCode: string;
  action: ProductStatusAction;
}

export interface ProductStatusChangeResult {
  status: string;
  version: number;
}

export interface ProductsUsingIndicatorInput {
  indicatorCode: string;
}

export interface CheckIndicatorNoticeInput {
  notice: IndicatorNotice;
}

export interface ApplyIndicatorChangeInput extends ByWhomAt {
  notice: IndicatorNotice;
}

export type PromoteIndicatorsInput = ByWhomAt;

export interface IndicatorPromotion {
  promoted: string[];
}

/** 001 §29: development and production compared, indicator by indicator. */
export interface EnvironmentComparison {
  identical: boolean;
  indicators: number;
  differences: string[];
}

/** The P4 modification an indicator maintenance ran first for one product it feeds (001 §30(四)(3)). */
export interface ProductChangeForIndicator {
  productCode: string;
  processId: string;
  outcome: string;
}

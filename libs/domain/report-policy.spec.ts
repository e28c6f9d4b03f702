import {
  contractApprovers,
  DEFAULT_COMMITTEE_REVIEW_FROM_YUAN,
  effectiveReviewLevel,
  requiredReportReviewLevel,
  reviewLevelsUpTo,
  teamProblems,
  VALUE_ADDED_POLICY,
} from './report-policy';
import { REVIEW_LEVEL_KEYS } from '../procedures/report.vocabulary';

// The settings' defaults (libs/config/settings.ts reads them from the environment).
const defaults = { committeeReviewFromYuan: DEFAULT_COMMITTEE_REVIEW_FROM_YUAN, centerHeadContractFromYuan: DEFAULT_COMMITTEE_REVIEW_FROM_YUAN };

describe('P8/P9 review policy (001 §44, §60, §68, §70)', () => {
  it.each([
    ['standard', 80_000, 1],
    ['deep', 80_000, 2],
    ['custom', 80_000, 2],
    ['standard', 1_000_000, 3],
    ['deep', 999_999, 2],
    ['standard', 999_999, 1],
  ] as const)('%s report of %i yuan: %i review level(s)', (type, amount, levels) => {
    expect(requiredReportReviewLevel(type, amount, defaults)).toBe(levels);
  });

  it('names the levels dept → leader → committee, with the roles of §60', () => {
    expect(reviewLevelsUpTo(3).map((l) => [REVIEW_LEVEL_KEYS.report[l.level]?.step, l.candidateRoles])).toEqual([
      ['dept-review', ['dept_head@product']],
      ['leader-review', ['division_leader']],
      ['committee-review', ['review_committee']],
    ]);
    expect(reviewLevelsUpTo(0)).toEqual([]);
    expect(reviewLevelsUpTo(2).map((l) => REVIEW_LEVEL_KEYS.plan[l.level]?.step)).toEqual(['plan-dept-review', 'plan-leader-review']);
    expect(reviewLevelsUpTo(3).map((l) => REVIEW_LEVEL_KEYS.product[l.level]?.status)).toEqual(['product-review-level-1', 'product-review-level-2', 'product-review-level-3']);
  });

  it('lets the dispatcher raise a level but never lower it', () => {
    expect(effectiveReviewLevel(2, 1)).toBe(2);
    expect(effectiveReviewLevel(1, 3)).toBe(3);
    expect(effectiveReviewLevel(0, undefined)).toBe(0);
  });

  it('sends deep, custom, large and value-added contracts to the center head as well', () => {
    expect(contractApprovers('investigation-report', 'standard', 999_999, defaults)).toEqual(['dept_head@customer_service']);
    expect(contractApprovers('investigation-report', 'standard', 1_000_000, defaults)).toEqual(['dept_head@customer_service', 'center_head']);
    expect(contractApprovers('investigation-report', 'deep', 10_000, defaults)).toEqual(['dept_head@customer_service', 'center_head']);
    expect(contractApprovers('investigation-report', 'custom', 10_000, defaults)).toEqual(['dept_head@customer_service', 'center_head']);
    expect(contractApprovers('value-added-service', undefined, 10_000, defaults)).toEqual(['dept_head@customer_service', 'center_head']);
  });

  it('reviews value-added plans at two levels, analysis products at three, batch data not at all', () => {
    expect(VALUE_ADDED_POLICY['batch-data']).toMatchObject({ planReviewLevel: 2, productReviewLevel: 0 });
    expect(VALUE_ADDED_POLICY.analysis).toMatchObject({ planReviewLevel: 2, productReviewLevel: 3 });
  });

  it('wants a project manager and at least one other member', () => {
    expect(teamProblems({ projectManager: 'analyst_1', members: ['analyst_2'] })).toEqual([]);
    expect(teamProblems({ projectManager: 'analyst_1', members: [] })).toHaveLength(1);
    expect(teamProblems({ projectManager: 'analyst_1', members: ['analyst_1'] })).toHaveLength(2);
  });
});

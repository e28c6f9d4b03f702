/**
 * The product procedures' vocabulary (libs/procedures/product.vocabulary.ts): every word labelled
 * in zh and en with a kebab-case key, and the committee's sign steps all present.
 */
import { COMMITTEE_SIGN_STEPS, committeeSignStep } from '../../libs/domain/product-policy';
import { PRODUCT_VOCABULARY } from '../../libs/procedures/product.vocabulary';
import { labelsOf } from '../../libs/procedures/registry';
import type { LabelMap } from '../../libs/procedures/vocabulary';

const PARTS = ['steps', 'decisions', 'statuses', 'outcomes'] as const;

describe('product vocabulary', () => {
  it('labels every word in Chinese and English', () => {
    for (const part of PARTS) {
      for (const [key, label] of Object.entries(PRODUCT_VOCABULARY[part] as LabelMap)) {
        expect({ part, key, zh: /[\u4e00-\u9fff]/.test(label.zh), en: label.en.trim().length > 0 }).toEqual({ part, key, zh: true, en: true });
        expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      }
    }
  });

  it('holds the sign step of every committee record, the fifth serving every later one', () => {
    for (const step of COMMITTEE_SIGN_STEPS) expect(PRODUCT_VOCABULARY.steps[step]).toBeDefined();
    expect([1, 2, 5, 6, 40].map(committeeSignStep)).toEqual(['committee-sign-1', 'committee-sign-2', 'committee-sign-5', 'committee-sign-5', 'committee-sign-5']);
  });

  it('is what /api/process-types labels the three product types with', () => {
    for (const type of ['product-approval', 'product-status-change', 'indicator-maintenance']) {
      expect(labelsOf(type)?.statuses['committee-decided']).toEqual(PRODUCT_VOCABULARY.statuses['committee-decided']);
      expect(labelsOf(type)?.steps['committee-sign-1']).toEqual(PRODUCT_VOCABULARY.steps['committee-sign-1']);
    }
  });
});

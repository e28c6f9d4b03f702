/**
 * The product procedures' vocabulary (libs/procedures/product.vocabulary.ts): every word labelled
 * in zh and en, the committee's sign steps all present, and the zh labels the same as the web
 * dictionary's where it already names the word (apps/web/src/i18n/dict.ts).
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { COMMITTEE_SIGN_STEPS, committeeSignStep } from '../../libs/domain/product-policy';
import { PRODUCT_VOCABULARY } from '../../libs/procedures/product.vocabulary';
import { labelsOf } from '../../libs/procedures/registry';
import { SHARED_VOCABULARY, type LabelMap } from '../../libs/procedures/vocabulary';

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

  it("uses the web dictionary's Chinese for the words it already names", () => {
    const dict = readFileSync(path.resolve(__dirname, '../../apps/web/src/i18n/dict.ts'), 'utf8');
    // The zh block of the dictionary (before `const en`): `'bstatus.testing': '测试中',`.
    const zhBlock = dict.slice(0, dict.indexOf('const en'));
    const zh = new Map([...zhBlock.matchAll(/'((?:decision|bstatus|outcome)\.[a-z0-9-]+)': '([^']*)'/g)].map((m) => [m[1], m[2]]));
    expect(zh.get('bstatus.testing')).toBe('测试中');
    const prefix = { decisions: 'decision', statuses: 'bstatus', outcomes: 'outcome' } as const;
    const differing: string[] = [];
    for (const part of ['decisions', 'statuses', 'outcomes'] as const) {
      for (const [key, label] of Object.entries(PRODUCT_VOCABULARY[part] as LabelMap)) {
        if (key in SHARED_VOCABULARY[part]) continue;
        const known = zh.get(`${prefix[part]}.${key}`);
        if (known !== undefined && known !== label.zh) differing.push(`${part}.${key}: ${label.zh} ≠ ${known}`);
      }
    }
    expect(differing).toEqual([]);
  });
});

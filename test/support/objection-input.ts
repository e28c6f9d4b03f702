import type { ObjectionInput } from '../../libs/domain/objection-policy';

/** A complete, valid objection for a subject; tests override what they exercise. */
export function objectionInput(subject: { subjectName: string; subjectCode: string }, overrides: Partial<ObjectionInput> = {}): ObjectionInput {
  return {
    ...subject,
    reportId: `R-${subject.subjectCode}-${Math.random().toString(36).slice(2, 8)}`,
    reportQueriedAt: new Date(Date.now() - 5 * 24 * 3600 * 1000).toISOString(),
    itemName: '行政处罚记录',
    originalValue: '2025-03-12 环境违法罚款2万元',
    claimedValue: '无',
    evidence: [{ name: '行政处罚撤销决定书' }],
    channel: 'outlet',
    ...overrides,
  };
}

export const INITIAL_REVIEW_PASSED = { materialsComplete: true, documentsGenuine: true, identityGenuine: true, withinRules: true };

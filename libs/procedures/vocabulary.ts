/**
 * A procedure's vocabulary: every step, decision, business status and outcome it can produce,
 * each with its zh and en label. Pure data, imported by workflows (typed keys) and by the API
 * (`labels` of /api/process-types), so a key and its label are written in one place.
 */
export interface Label {
  zh: string;
  en: string;
}
export type LabelMap = Readonly<Record<string, Label>>;

export interface Vocabulary {
  steps: LabelMap;
  decisions: LabelMap;
  statuses: LabelMap;
  outcomes: LabelMap;
}

export type StepOf<V extends Vocabulary> = keyof V['steps'] & string;
export type DecisionOf<V extends Vocabulary> = keyof V['decisions'] & string;
export type StatusOf<V extends Vocabulary> = keyof V['statuses'] & string;
export type OutcomeOf<V extends Vocabulary> = keyof V['outcomes'] & string;

/** Keeps the literal keys (`as const` without writing it) so workflows get typed vocabularies. */
export function defineVocabulary<const V extends Vocabulary>(vocabulary: V): V {
  return vocabulary;
}

type Merged<A extends Vocabulary, B extends Vocabulary> = {
  steps: A['steps'] & B['steps'];
  decisions: A['decisions'] & B['decisions'];
  statuses: A['statuses'] & B['statuses'];
  outcomes: A['outcomes'] & B['outcomes'];
};

/** A procedure's own words over the shared ones; a key defined twice must keep one meaning. */
export function mergeVocabularies<A extends Vocabulary, B extends Vocabulary>(a: A, b: B): Merged<A, B> {
  return {
    steps: { ...a.steps, ...b.steps },
    decisions: { ...a.decisions, ...b.decisions },
    statuses: { ...a.statuses, ...b.statuses },
    outcomes: { ...a.outcomes, ...b.outcomes },
  } as Merged<A, B>;
}

/**
 * The words every procedure shares: the primitives of workflows/case-run.ts (start, archive,
 * abandon, maintenance window, department notice) and the review shapes of workflows/review-parts.ts.
 */
export const SHARED_VOCABULARY = defineVocabulary({
  steps: {
    archive: { zh: '归档', en: 'Archive' },
  },
  decisions: {
    submit: { zh: '提交', en: 'Submit' },
    approve: { zh: '同意', en: 'Approve' },
    reject: { zh: '驳回', en: 'Reject' },
    return: { zh: '退回', en: 'Return' },
    confirm: { zh: '确认', en: 'Confirm' },
    abandon: { zh: '终止办理', en: 'Abandon' },
    filed: { zh: '已归档', en: 'Filed' },
    recorded: { zh: '已记录', en: 'Recorded' },
    signed: { zh: '已签署', en: 'Signed' },
  },
  statuses: {
    started: { zh: '已发起', en: 'Started' },
    closed: { zh: '已办结', en: 'Closed' },
    archiving: { zh: '归档中', en: 'Archiving' },
    abandoned: { zh: '已终止', en: 'Abandoned' },
    'awaiting-maintenance-window': { zh: '等待非营业时间维护窗口', en: 'Waiting for the maintenance window' },
    'awaiting-notification-day': { zh: '等待第2个工作日通知', en: 'Waiting for the notice day' },
  },
  outcomes: {
    abandoned: { zh: '已终止', en: 'Abandoned' },
  },
});
export type SharedVocabulary = typeof SHARED_VOCABULARY;

/**
 * The review committee's words (workflows/review-parts.ts `committee()`, P4 and P4c). Signatures
 * belong to one record: the record's own step, `committee-sign-<n>` for the n-th record of a case
 * (COMMITTEE_SIGN_STEPS in libs/domain/product-policy.ts). A procedure that composes
 * `committee()` merges these words into its vocabulary (its type requires them).
 */
export const COMMITTEE_VOCABULARY = defineVocabulary({
  steps: {
    'committee-review': { zh: '评审委员会评审（评审委秘书填写评审意见）', en: 'Committee review (the secretary records the result)' },
    'committee-sign-1': { zh: '评审委员签字确认评审意见', en: 'Committee members sign the record' },
    'committee-sign-2': { zh: '评审委员签字确认评审意见（第2次记录）', en: 'Committee members sign the record (2nd record)' },
    'committee-sign-3': { zh: '评审委员签字确认评审意见（第3次记录）', en: 'Committee members sign the record (3rd record)' },
    'committee-sign-4': { zh: '评审委员签字确认评审意见（第4次记录）', en: 'Committee members sign the record (4th record)' },
    'committee-sign-5': { zh: '评审委员签字确认评审意见（第5次及以后记录）', en: 'Committee members sign the record (5th and later records)' },
  },
  // approve, return and reject are the shared words (SHARED_VOCABULARY).
  decisions: {
    revise: { zh: '修改', en: 'Revise' },
    sign: { zh: '签署', en: 'Sign' },
  },
  statuses: {
    'committee-review': { zh: '评审委员会评审', en: 'Committee review' },
    'committee-signing': { zh: '评审委员签字', en: 'Committee signing' },
    'committee-decided': { zh: '评审意见已签字确认', en: 'Committee record signed' },
  },
  outcomes: {},
});

/**
 * Business statuses renamed since cases were recorded with them (Chinese words once used as codes):
 * old key → current key. The migration that renames them in the database reads this map too.
 */
export const LEGACY_STATUS_KEYS: Readonly<Record<string, string>> = {
  异议处理中: 'marked',
  逾期未回复: 'provider-overdue',
};

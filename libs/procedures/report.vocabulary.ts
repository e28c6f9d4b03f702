/** The words of the report procedures (steps, decisions, statuses, outcomes) with their labels. */
import { defineVocabulary, mergeVocabularies, SHARED_VOCABULARY } from './vocabulary';

export const REPORT_VOCABULARY = mergeVocabularies(
  SHARED_VOCABULARY,
  defineVocabulary({
    steps: {},
    decisions: {},
    statuses: {},
    outcomes: {},
  }),
);

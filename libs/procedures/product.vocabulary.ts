/** The words of the product procedures (steps, decisions, statuses, outcomes) with their labels. */
import { defineVocabulary, mergeVocabularies, SHARED_VOCABULARY } from './vocabulary';

export const PRODUCT_VOCABULARY = mergeVocabularies(
  SHARED_VOCABULARY,
  defineVocabulary({
    steps: {},
    decisions: {},
    statuses: {},
    outcomes: {},
  }),
);

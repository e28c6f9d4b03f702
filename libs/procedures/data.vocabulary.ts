/** The words of the data procedures (steps, decisions, statuses, outcomes) with their labels. */
import { defineVocabulary, mergeVocabularies, SHARED_VOCABULARY } from './vocabulary';

export const DATA_VOCABULARY = mergeVocabularies(
  SHARED_VOCABULARY,
  defineVocabulary({
    steps: {},
    decisions: {},
    statuses: {},
    outcomes: {},
  }),
);

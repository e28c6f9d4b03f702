/**
 * P1 异议处理 (000 §31–40, 001 §108–118, 002 §30–32, 003 6.4 and annex C) as a procedure module:
 * one workflow, four policies (libs/domain/objection-policy.ts).
 */
import { createCreditActivities } from '../../activities/credit.activities';
import { objectionWorkflow } from '../../workflows/objection.workflow';
import { OBJECTION_POLICIES, OBJECTION_POLICY, ObjectionPolicyKey } from '../domain/objection-policy';
import {
  EvidenceItem,
  ObjectionAmendmentForm,
  ObjectionDifferenceCheckForm,
  ObjectionDifferenceFileForm,
  ObjectionHandlingNoteForm,
  ObjectionImportRegisterForm,
  ObjectionInitialReviewForm,
  ObjectionProviderReplyForm,
  ObjectionReplyForm,
  ObjectionStartInput,
  ObjectionVerificationLetterForm,
} from '../forms/objection.forms';
import { OBJECTION_VOCABULARY } from './objection.vocabulary';
import { defineProcedure, processType } from './procedure';

const REVIEW_CHECKS = ['materialsComplete', 'documentsGenuine', 'identityGenuine', 'withinRules'] as const;

export const objectionProcedure = defineProcedure({
  key: 'objection',
  vocabulary: OBJECTION_VOCABULARY,
  processTypes: [
    processType({
      type: 'objection',
      title: { zh: '异议处理', en: 'Objection handling' },
      policies: OBJECTION_POLICIES,
      startRoles: ['service_clerk'],
      input: ObjectionStartInput,
      workflow: objectionWorkflow,
      describe: (input) => `${input.subjectName} · ${input.itemName}`,
      crossCheck: (policy, input) =>
        OBJECTION_POLICY[policy as ObjectionPolicyKey]?.requiresReason && !input.reason
          ? [{ field: 'input.reason', message: 'reason is required for the zhejiang policy (fact, text, expired, dishonesty-list)' }]
          : [],
    }),
  ],
  workflowSources: ['objection.workflow'],
  forms: {
    'objection-initial-review': ObjectionInitialReviewForm,
    'objection-difference-check': ObjectionDifferenceCheckForm,
    'objection-handling-note': ObjectionHandlingNoteForm,
    'objection-difference-file': ObjectionDifferenceFileForm,
    'objection-verification-letter': ObjectionVerificationLetterForm,
    'objection-provider-reply': ObjectionProviderReplyForm,
    'objection-import-register': ObjectionImportRegisterForm,
    'objection-reply': ObjectionReplyForm,
    'objection-amendment': ObjectionAmendmentForm,
  },
  /** 001 §112(三), §113(二): the checklist must be all "yes" to accept; otherwise the person rejects with the reason. */
  formRules: {
    'objection-initial-review': (decision, data) =>
      decision === 'accept' || decision === 'confirm'
        ? REVIEW_CHECKS.filter((check) => data[check] !== true).map((check) => ({
            field: `data.${check}`,
            message: `${check} must be checked to ${decision}; otherwise reject with the reason`,
          }))
        : [],
  },
  nestedForms: [EvidenceItem],
  activities: createCreditActivities,
});

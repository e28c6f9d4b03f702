/**
 * The one contract between the API and the workflows: message definitions, task queue,
 * workflow-ID builder, search attributes. The API imports this module, never workflow files.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TASK_QUEUE = 'credit-bpm';

/** A human decision on an open task, delivered by the API gate after its own checks. */
export interface DecisionSignalInput {
  taskId: string;
  username: string;
  decision: string;
  comment?: string;
  data?: Record<string, unknown>;
  decidedAt: string;
}
export const decisionSignal = defineSignal<[DecisionSignalInput]>('decisionSignal');

export interface CaseState {
  businessStatus: string;
  outcome?: string;
  openTaskIds: string[];
}
export const caseStateQuery = defineQuery<CaseState>('caseStateQuery');

/** Every process starts with the same envelope; `input` is the type's validated start form. */
export interface ProcessStart<I = unknown> {
  processId: string;
  processType: string;
  policy?: string;
  startedBy: string;
  input: I;
}

export interface ProcessResult {
  outcome: string;
  data?: Record<string, unknown>;
}

export const SEARCH_ATTRIBUTES = {
  processType: defineSearchAttributeKey('ProcessType', SearchAttributeType.KEYWORD),
  businessStatus: defineSearchAttributeKey('BusinessStatus', SearchAttributeType.KEYWORD),
  pendingRoles: defineSearchAttributeKey('PendingRoles', SearchAttributeType.KEYWORD_LIST),
};

export function newProcessId(processType: string, unique: string): string {
  return `${processType}-${unique}`;
}

export function taskIdFor(processId: string, step: string, round: number): string {
  return `${processId}:${step}:${round}`;
}

/**
 * The business timeline of a case (API.md history): read from the Temporal event history,
 * which is the durable record of what the workflow did, plus claims from the audit log.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

export interface TimelineEvent {
  seq: number;
  at: string;
  kind: string;
  step?: string;
  actor?: string;
  decision?: string;
  comment?: string;
  detail?: Record<string, unknown>;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

function decode<T = Record<string, unknown>>(payloads: Payloads): T | undefined {
  const first = payloads?.payloads?.[0];
  return first ? (defaultPayloadConverter.fromPayload(first) as T) : undefined;
}

function timeOf(event: HistoryEvent): string {
  const t = event.eventTime;
  const ms = Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
  return new Date(ms).toISOString();
}

/** `process:step:round` → step */
function stepOfTask(taskId: unknown): string | undefined {
  return typeof taskId === 'string' ? taskId.split(':').slice(-2, -1)[0] : undefined;
}

/**
 * The platform's own bookkeeping activities, shown by their meaning above (or not at all);
 * every other activity changes domain data (a credit item, a catalogue, a file, the archive)
 * and is shown as an effect with its input.
 */
const BOOKKEEPING = new Set(['openTask', 'acceptDecision', 'recordRefusal', 'escalateTask', 'escalateCase', 'expireTask', 'updateCase', 'closeCase', 'registerChildCase']);

export function timelineFromHistory(events: HistoryEvent[]): Omit<TimelineEvent, 'seq'>[] {
  const out: Omit<TimelineEvent, 'seq'>[] = [];
  const scheduled = new Map<string, { type: string; input: Record<string, unknown> }>();
  for (const event of events) {
    const at = timeOf(event);
    if (event.workflowExecutionStartedEventAttributes) {
      const start = decode<{ startedBy?: string; policy?: string; processType?: string }>(event.workflowExecutionStartedEventAttributes.input);
      out.push({ at, kind: 'started', actor: start?.startedBy, detail: { processType: start?.processType, policy: start?.policy } });
    } else if (event.activityTaskScheduledEventAttributes) {
      const attrs = event.activityTaskScheduledEventAttributes;
      const type = attrs.activityType?.name ?? '';
      const input = decode(attrs.input) ?? {};
      scheduled.set(String(event.eventId), { type, input });
      if (type === 'openTask') {
        if (input.businessStatus) out.push({ at, kind: 'status', detail: { businessStatus: input.businessStatus } });
        out.push({ at, kind: 'task-created', step: String(input.step), detail: { taskId: input.taskId, title: input.title, candidateRoles: input.candidateRoles, dueAt: input.dueAt } });
      } else if (type === 'acceptDecision') {
        out.push({ at: String(input.decidedAt ?? at), kind: 'completed', step: stepOfTask(input.taskId), actor: String(input.username), decision: String(input.decision), comment: (input.comment as string) ?? undefined, detail: { taskId: input.taskId, data: input.data } });
      } else if (type === 'recordRefusal') {
        out.push({ at, kind: 'decision-refused', step: stepOfTask(input.taskId), actor: String(input.username), decision: String(input.decision), detail: { code: input.code, reason: input.reason } });
      } else if (type === 'escalateTask') {
        out.push({ at, kind: 'escalation', step: stepOfTask(input.taskId), detail: { escalateTo: input.escalateTo, dueAt: input.dueAt } });
      } else if (type === 'escalateCase') {
        out.push({ at, kind: 'escalation', detail: { case: true, escalateTo: input.escalateTo, dueAt: input.dueAt } });
      } else if (type === 'expireTask') {
        out.push({ at, kind: 'deadline-passed', step: stepOfTask(input.taskId), detail: { taskId: input.taskId } });
      } else if (type === 'updateCase' && input.businessStatus) {
        out.push({ at, kind: 'status', detail: { businessStatus: input.businessStatus } });
      } else if (!BOOKKEEPING.has(type)) {
        out.push({ at, kind: 'effect', detail: { activity: type, ...input } });
      }
    } else if (event.timerFiredEventAttributes) {
      out.push({ at, kind: 'timer-fired', detail: { timerId: event.timerFiredEventAttributes.timerId } });
    } else if (event.startChildWorkflowExecutionInitiatedEventAttributes) {
      const attrs = event.startChildWorkflowExecutionInitiatedEventAttributes;
      out.push({ at, kind: 'child-started', detail: { processId: attrs.workflowId, workflowType: attrs.workflowType?.name } });
    } else if (event.childWorkflowExecutionCompletedEventAttributes) {
      const attrs = event.childWorkflowExecutionCompletedEventAttributes;
      out.push({ at, kind: 'child-completed', detail: { processId: attrs.workflowExecution?.workflowId, result: decode(attrs.result) } });
    } else if (event.workflowExecutionCompletedEventAttributes) {
      const result = decode<{ outcome?: string }>(event.workflowExecutionCompletedEventAttributes.result);
      out.push({ at, kind: 'ended', detail: { status: 'completed', outcome: result?.outcome } });
    } else if (event.workflowExecutionFailedEventAttributes) {
      out.push({ at, kind: 'ended', detail: { status: 'failed', error: event.workflowExecutionFailedEventAttributes.failure?.message } });
    } else if (event.workflowExecutionTerminatedEventAttributes) {
      out.push({ at, kind: 'ended', actor: event.workflowExecutionTerminatedEventAttributes.identity ?? undefined, detail: { status: 'terminated', reason: event.workflowExecutionTerminatedEventAttributes.reason } });
    }
  }
  return out;
}

/** Merges history-derived events with claims, in time order, numbered from 1. */
export function buildTimeline(fromHistory: Omit<TimelineEvent, 'seq'>[], claims: Omit<TimelineEvent, 'seq'>[]): TimelineEvent[] {
  return [...fromHistory, ...claims]
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at.localeCompare(b.event.at) || a.index - b.index)
    .map(({ event }, i) => ({ seq: i + 1, ...event }));
}

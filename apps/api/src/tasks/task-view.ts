import { taskFormSchema } from '../../../../libs/procedures/registry';
import type { TaskEntity } from '../../../../libs/persistence/entities';

/** API.md's Task, from a projection row; the form's schema carries the step's prefilled values as defaults. */
export function toTaskView(task: TaskEntity, now = new Date()) {
  const schema = taskFormSchema(task.formKey);
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, prop]) => [name, name in task.prefill ? { ...(prop as object), default: task.prefill[name] } : prop]),
  );
  const open = task.status === 'open' || task.status === 'claimed';
  return {
    taskId: task.taskId,
    processId: task.processId,
    rootProcessId: task.rootProcessId,
    processType: task.processType,
    step: task.step,
    round: task.round,
    title: task.title,
    candidateRoles: task.candidateRoles,
    /** When not empty, only these users may take the task. */
    candidateUsers: task.candidateUsers ?? [],
    assignee: task.assignee ?? undefined,
    status: task.status,
    decisions: task.decisions,
    reasonRequired: task.reasonRequired,
    formSchema: { ...schema, properties },
    prefill: task.prefill,
    createdAt: task.createdAt.toISOString(),
    dueAt: task.dueAt?.toISOString(),
    dueProvisional: task.dueProvisional,
    /** A hard deadline: past it the process takes its deadline branch. */
    expires: task.expires,
    overdue: open && !!task.dueAt && task.dueAt.getTime() < now.getTime(),
    escalatedAt: task.escalatedAt?.toISOString(),
    completedBy: task.completedBy ?? undefined,
    completedAt: task.completedAt?.toISOString(),
    decision: task.decision ?? undefined,
    comment: task.comment ?? undefined,
    data: task.data ?? undefined,
  };
}

export type TaskView = ReturnType<typeof toTaskView>;

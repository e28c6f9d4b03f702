// Small rules of the domain the pages share: links, which decisions need a reason.
import type { Task } from './api';

export function taskLink(task: Pick<Task, 'taskId' | 'processId'>): string {
  return `/tasks/${encodeURIComponent(task.taskId)}?processId=${encodeURIComponent(task.processId)}`;
}

export function caseLink(processId: string): string {
  return `/cases/${encodeURIComponent(processId)}`;
}

/** A decision that turns the case down or back needs a written reason (and any the task says does). */
export function needsReason(decision: string, task?: Pick<Task, 'reasonRequired'>): boolean {
  return (
    !!task?.reasonRequired?.includes(decision) ||
    decision === 'reject' ||
    decision === 'return' ||
    decision === 'not-accepted' ||
    decision.includes('reject') ||
    decision.startsWith('return')
  );
}

const POSITIVE = new Set(['accept', 'confirm', 'approve', 'pass', 'submit', 'complete', 'done', 'sign', 'agree']);

export function decisionButtonProps(decision: string): { type: 'primary' | 'default'; danger: boolean } {
  return { type: POSITIVE.has(decision) ? 'primary' : 'default', danger: needsReason(decision) };
}

/** Offers a text as a file download. */
export function saveFile(name: string, text: string, mime = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

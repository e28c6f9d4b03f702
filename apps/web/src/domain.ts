// Small rules of the domain the pages share: links, how a decision's button looks.
import type { Task } from './api';

export function taskLink(task: Pick<Task, 'taskId' | 'processId'>): string {
  return `/tasks/${encodeURIComponent(task.taskId)}?processId=${encodeURIComponent(task.processId)}`;
}

export function caseLink(processId: string): string {
  return `/cases/${encodeURIComponent(processId)}`;
}

const POSITIVE = new Set(['accept', 'confirm', 'approve', 'pass', 'submit', 'complete', 'done', 'sign', 'agree']);

/**
 * A decision's button: the positive ones primary; those that need a written reason — the task
 * says which, in `reasonRequired`, by the same rule the API and the workflow enforce — in red.
 */
export function decisionButtonProps(decision: string, task: Pick<Task, 'reasonRequired'>): { type: 'primary' | 'default'; danger: boolean } {
  return { type: POSITIVE.has(decision) ? 'primary' : 'default', danger: task.reasonRequired.includes(decision) };
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

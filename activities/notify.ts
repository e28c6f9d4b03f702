import { EntityManager } from 'typeorm';
import { parseRoleRef, RoleRef } from '../libs/domain/roles';
import { NoticeEntity, NoticeKind } from '../libs/persistence/entities/notice.entity';

export interface NoticeDraft {
  kind: NoticeKind;
  title: string;
  body?: string;
  processId?: string;
  taskId?: string;
  /** The same (recipient, dedupeKey) is delivered once, however often an activity retries. */
  dedupeKey: string;
}

/** Usernames of active users holding a role reference (`dept_head@it` or `service_clerk`). */
export async function usersHolding(manager: EntityManager, ref: RoleRef): Promise<string[]> {
  const { role, department } = parseRoleRef(ref);
  const rows: Array<{ username: string }> = await manager.query(
    `SELECT DISTINCT u.username FROM users u JOIN user_roles r ON r.user_id = u.id
      WHERE u.active AND r.role = $1 AND ($2::varchar IS NULL OR r.department = $2)`,
    [role, department ?? null],
  );
  return rows.map((row) => row.username);
}

/** `only`, when not empty, narrows the recipients to those users (a task assigned to named people). */
export async function notifyRoles(manager: EntityManager, refs: RoleRef[], draft: NoticeDraft, except: string[] = [], only: string[] = []): Promise<string[]> {
  const recipients = [...new Set((await Promise.all(refs.map((ref) => usersHolding(manager, ref)))).flat())].filter((u) => !except.includes(u) && (only.length === 0 || only.includes(u)));
  if (recipients.length === 0) return [];
  await manager
    .createQueryBuilder()
    .insert()
    .into(NoticeEntity)
    .values(recipients.map((recipient) => ({ recipient, kind: draft.kind, title: draft.title, body: draft.body ?? '', processId: draft.processId ?? null, taskId: draft.taskId ?? null, dedupeKey: draft.dedupeKey })))
    .orIgnore()
    .execute();
  return recipients;
}

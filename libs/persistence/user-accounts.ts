/**
 * The writes that end a user's sessions. Every access token carries the user's token version
 * (users.token_version); moving it on makes every token issued before the change answer 401.
 */
import type { EntityManager } from 'typeorm';
import { UserEntity } from './entities';

const NEXT_TOKEN_VERSION = () => '"token_version" + 1';

/** A new password (already hashed): the forced change is done, and older sessions end. */
export async function setPassword(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
  await manager.update(UserEntity, { id: userId }, { passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), tokenVersion: NEXT_TOKEN_VERSION });
}

/** Disables an account and ends its sessions; enabling it again does not revive the old tokens. */
export async function setUserActive(manager: EntityManager, userId: string, active: boolean): Promise<void> {
  await manager.update(UserEntity, { id: userId }, active ? { active } : { active, tokenVersion: NEXT_TOKEN_VERSION });
}

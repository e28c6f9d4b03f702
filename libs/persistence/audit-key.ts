/**
 * The audit chain's key and the paths of its files — kept OUTSIDE the database, so that someone
 * who can write to Postgres can neither re-hash an edited row nor forge a checkpoint.
 *
 *   AUDIT_HMAC_KEY          the key itself (at least 32 characters); required when NODE_ENV=production
 *   $BPM_DATA_DIR/audit-hmac.key   otherwise: a file created on first use (32 random bytes, hex, mode 600)
 *   AUDIT_CHECKPOINT_FILE   signed checkpoints, one JSON line each (default $BPM_DATA_DIR/audit-checkpoints.log)
 */
import { randomBytes } from 'crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';
import { Settings, settings } from '../config/settings';

export const MIN_KEY_LENGTH = 32;

export function bpmDataDir(s: Settings = settings()): string {
  return s.BPM_DATA_DIR || join(homedir(), '.local', 'share', 'credit-bpm');
}

export function auditKeyFile(s: Settings = settings()): string {
  return join(bpmDataDir(s), 'audit-hmac.key');
}

export function auditCheckpointFile(s: Settings = settings()): string {
  return s.AUDIT_CHECKPOINT_FILE || join(bpmDataDir(s), 'audit-checkpoints.log');
}

function checked(key: string, where: string): Buffer {
  const trimmed = key.trim();
  if (trimmed.length < MIN_KEY_LENGTH) throw new Error(`the audit HMAC key (${where}) must have at least ${MIN_KEY_LENGTH} characters`);
  return Buffer.from(trimmed, 'utf8');
}

/** Reads the key file, creating it (mode 600) when it does not exist yet; safe when two processes race. */
export function readOrCreateKeyFile(file: string): Buffer {
  try {
    return checked(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process created it first
  }
  return checked(readFileSync(file, 'utf8'), file);
}

const cache = new Map<string, Buffer>();

/** The key: AUDIT_HMAC_KEY, else (not in production) the key file in the data folder. */
export function auditKey(s: Settings = settings()): Buffer {
  if (s.AUDIT_HMAC_KEY) return checked(s.AUDIT_HMAC_KEY, 'AUDIT_HMAC_KEY');
  if (s.NODE_ENV === 'production') throw new Error('AUDIT_HMAC_KEY must be set in production (at least 32 characters, e.g. `openssl rand -hex 32`)');
  const file = auditKeyFile(s);
  let key = cache.get(file);
  if (!key) {
    key = readOrCreateKeyFile(file);
    cache.set(file, key);
  }
  return key;
}

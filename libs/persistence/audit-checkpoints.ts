/**
 * Signed checkpoints of the audit chain, written OUTSIDE the database: one JSON line per
 * checkpoint in an append-only file (AUDIT_CHECKPOINT_FILE, default
 * $BPM_DATA_DIR/audit-checkpoints.log). Each says "chain C had R rows, the newest with id I and
 * hash H", HMAC-signed with the audit key. The verifier checks that every checkpointed row is
 * still there with that hash and that the table's head is not behind the last checkpoint, which
 * catches deleting the newest rows (the one edit a hash chain cannot show by itself).
 *
 * The writer side (API and worker, wherever appendAudit runs) writes one every
 * AUDIT_CHECKPOINT_ROWS appends (default 500) or AUDIT_CHECKPOINT_SECONDS (default 30) when rows
 * were appended since; 0 turns either trigger off. Rows appended after the newest checkpoint can
 * still be cut off unnoticed: that window is the price of not writing the file on every append.
 * A writer never signs a head older than the newest checkpoint it knows of (that would be a
 * truncation); it logs an alarm instead.
 */
import { settings } from '../config/settings';
import { createHmac, timingSafeEqual } from 'crypto';
import { createReadStream, promises as fs } from 'fs';
import { hostname } from 'os';
import { dirname } from 'path';
import { createInterface } from 'readline';
import type { DataSource } from 'typeorm';
import type { Query } from './audit-chain';
import { auditCheckpointFile, auditKey } from './audit-key';

export interface AuditCheckpoint {
  v: 1;
  chain: string;
  rows: number;
  lastId: string;
  hash: string;
  at: string;
  by: string;
}
export type SignedCheckpoint = AuditCheckpoint & { mac: string };

function checkpointMac(key: Buffer, cp: AuditCheckpoint): string {
  const text = ['checkpoint', cp.v, cp.chain, cp.rows, cp.lastId, cp.hash, cp.at, cp.by].join('|');
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

export function signCheckpoint(key: Buffer, cp: AuditCheckpoint): SignedCheckpoint {
  return { ...cp, mac: checkpointMac(key, cp) };
}

export function checkpointSignatureValid(key: Buffer, cp: SignedCheckpoint): boolean {
  const expected = Buffer.from(checkpointMac(key, cp), 'hex');
  const given = Buffer.from(typeof cp.mac === 'string' ? cp.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type CheckpointLine = { line: number; checkpoint: SignedCheckpoint } | { line: number; error: string };

/** Reads the file line by line (constant memory); a missing file yields nothing. */
export async function* readCheckpoints(file: string): AsyncGenerator<CheckpointLine> {
  try {
    await fs.access(file);
  } catch {
    return;
  }
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n += 1;
    if (!text.trim()) continue;
    try {
      const cp = JSON.parse(text) as SignedCheckpoint;
      if (cp.v !== 1 || typeof cp.chain !== 'string' || typeof cp.lastId !== 'string' || typeof cp.hash !== 'string' || typeof cp.rows !== 'number') {
        yield { line: n, error: 'not a checkpoint' };
      } else yield { line: n, checkpoint: cp };
    } catch {
      yield { line: n, error: 'not JSON' };
    }
  }
}

export interface ChainHead {
  chainId: string;
  lastId: string;
  rows: number;
  hash: string;
}

export async function readChainHead(dataSource: { query: Query }): Promise<ChainHead | undefined> {
  const [head] = await dataSource.query(`SELECT chain_id, last_id, row_count, hash FROM audit_chain_head WHERE id = 1`);
  return head ? { chainId: head.chain_id, lastId: String(head.last_id), rows: Number(head.row_count), hash: head.hash } : undefined;
}

export interface CheckpointerOptions {
  file?: string;
  everyRows?: number;
  everySeconds?: number;
  key?: Buffer;
  log?: (message: string) => void;
}

/** Writes signed checkpoints of one database's chain head. */
export class AuditCheckpointer {
  readonly file: string;
  readonly everyRows: number;
  readonly everySeconds: number;
  private readonly key: Buffer;
  private readonly log: (message: string) => void;
  private pending = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<SignedCheckpoint | undefined>;
  /** The newest checkpoint of this chain this writer knows (from the file, then its own). */
  private newest?: { lastId: bigint; hash: string };
  private loaded = false;

  constructor(
    private readonly dataSource: DataSource,
    options: CheckpointerOptions = {},
  ) {
    this.file = options.file ?? auditCheckpointFile();
    this.everyRows = options.everyRows ?? settings().AUDIT_CHECKPOINT_ROWS;
    this.everySeconds = options.everySeconds ?? settings().AUDIT_CHECKPOINT_SECONDS;
    this.key = options.key ?? auditKey();
    this.log = options.log ?? ((m) => console.error(m));
  }

  /** Called after every append (the row may not be committed yet: the checkpoint reads the committed head). */
  noteAppend(): void {
    this.pending += 1;
    if (this.everySeconds > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.checkpointNow().catch((e) => this.log(`audit checkpoint failed: ${(e as Error).message}`));
      }, this.everySeconds * 1000);
      this.timer.unref();
    }
    if (this.everyRows > 0 && this.pending >= this.everyRows && !this.running) {
      setImmediate(() => void this.checkpointNow().catch((e) => this.log(`audit checkpoint failed: ${(e as Error).message}`)));
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Signs the committed head and appends it to the file; nothing when the head did not move. */
  async checkpointNow(): Promise<SignedCheckpoint | undefined> {
    if (this.running) return this.running;
    this.running = this.write().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async write(): Promise<SignedCheckpoint | undefined> {
    this.pending = 0;
    if (!this.dataSource.isInitialized) return undefined;
    const head = await readChainHead(this.dataSource);
    if (!head || head.lastId === '0') return undefined;
    // The head row names the newest row; sign only what the table really holds.
    const [row] = await this.dataSource.query(`SELECT hash FROM audit_log WHERE id = $1`, [head.lastId]);
    if (!row || row.hash !== head.hash) {
      this.log(`AUDIT ALARM: the chain head (row ${head.lastId}) does not match audit_log; not signing a checkpoint`);
      return undefined;
    }
    await this.loadNewest(head.chainId);
    const lastId = BigInt(head.lastId);
    if (this.newest && (lastId < this.newest.lastId || (lastId === this.newest.lastId && head.hash !== this.newest.hash))) {
      this.log(`AUDIT ALARM: the chain head (row ${head.lastId}) is behind checkpoint row ${this.newest.lastId}; not signing it`);
      return undefined;
    }
    if (this.newest && lastId === this.newest.lastId) return undefined;
    const cp = signCheckpoint(this.key, { v: 1, chain: head.chainId, rows: head.rows, lastId: head.lastId, hash: head.hash, at: new Date().toISOString(), by: `${hostname()}:${process.pid}` });
    await fs.mkdir(dirname(this.file), { recursive: true });
    // One write with O_APPEND: lines from the API and the worker never interleave.
    await fs.appendFile(this.file, `${JSON.stringify(cp)}\n`, { mode: 0o600, flag: 'a' });
    this.newest = { lastId, hash: head.hash };
    return cp;
  }

  private async loadNewest(chainId: string): Promise<void> {
    if (this.loaded) return;
    for await (const entry of readCheckpoints(this.file)) {
      if (!('checkpoint' in entry) || entry.checkpoint.chain !== chainId || !checkpointSignatureValid(this.key, entry.checkpoint)) continue;
      const lastId = BigInt(entry.checkpoint.lastId);
      if (!this.newest || lastId > this.newest.lastId) this.newest = { lastId, hash: entry.checkpoint.hash };
    }
    this.loaded = true;
  }
}

const checkpointers = new WeakMap<DataSource, AuditCheckpointer>();

/** The checkpointer of a DataSource (one per process and database), created on first use; `options` apply then only. */
export function auditCheckpointer(dataSource: DataSource, options?: CheckpointerOptions): AuditCheckpointer {
  let checkpointer = checkpointers.get(dataSource);
  if (!checkpointer) {
    checkpointer = new AuditCheckpointer(dataSource, options);
    checkpointers.set(dataSource, checkpointer);
  }
  return checkpointer;
}

export function noteAuditAppend(dataSource: DataSource | undefined): void {
  if (dataSource) auditCheckpointer(dataSource).noteAppend();
}

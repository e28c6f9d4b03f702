/** The chain check on an in-memory table: what a database writer without the key can and cannot hide. */
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, appendFileSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { verifyChain, Query, chainIntact, SqlRow } from './audit-chain';
import { auditRowHash, canonicalJson, GENESIS_HASH, keyedRowHash, AuditRowContent } from './audit-log';
import { signCheckpoint } from './audit-checkpoints';

const KEY = randomBytes(32);
const CHAIN = '6f1c1d4e-0000-4000-8000-000000000001';

interface Row extends AuditRowContent {
  id: string;
  version: number;
  prev_hash: string;
  hash: string;
}

class FakeTable {
  rows: Row[] = [];
  head = { chain_id: CHAIN, last_id: '0', row_count: '0', hash: GENESIS_HASH };
  queries: Array<{ sql: string; returned: number }> = [];

  private last(): string {
    return this.rows.length ? this.rows[this.rows.length - 1].hash : GENESIS_HASH;
  }
  appendLegacy(content: Partial<AuditRowContent> = {}): Row {
    const c = this.content(content);
    const id = String(this.rows.length ? BigInt(this.rows[this.rows.length - 1].id) + 1n : 1n);
    const row = { ...c, id, version: 1, prev_hash: this.last(), hash: auditRowHash(this.last(), c) };
    this.rows.push(row);
    this.head = { ...this.head, last_id: id, row_count: String(this.rows.length), hash: row.hash };
    return row;
  }
  /** What appendAudit's statement does, computed here in Node. */
  append(content: Partial<AuditRowContent> = {}): Row {
    const c = this.content(content);
    const id = String(BigInt(this.head.last_id) + 1n);
    const row = { ...c, id, version: 2, prev_hash: this.head.hash, hash: keyedRowHash(KEY, CHAIN, id, this.head.hash, c) };
    this.rows.push(row);
    this.head = { ...this.head, last_id: id, row_count: String(Number(this.head.row_count) + 1), hash: row.hash };
    return row;
  }
  private content(c: Partial<AuditRowContent>): AuditRowContent {
    return { at: new Date(Date.UTC(2026, 0, 5, 9, 0, this.rows.length)), actor: 'service_clerk_1', action: 'decision', processId: 'objection-1', taskId: `objection-1:review:${this.rows.length}`, detail: { decision: 'accept' }, ...c };
  }
  query: Query = async (sql, params = []) => {
    let out: SqlRow[];
    if (sql.includes('FROM audit_chain_head')) out = [this.head];
    else if (sql.includes('WHERE id > $1 ORDER BY audit_log.id LIMIT $2')) {
      const [after, limit] = params as [string, number];
      out = this.rows
        .filter((r) => BigInt(r.id) > BigInt(after))
        .slice(0, limit)
        .map((r) => ({ id: r.id, version: r.version, at_ms: r.at.getTime(), actor: r.actor, action: r.action, process_id: r.processId, task_id: r.taskId, detail: JSON.parse(JSON.stringify(r.detail)), prev_hash: r.prev_hash, hash: r.hash }));
    } else if (sql.includes('WHERE id = ANY')) {
      const ids = new Set(params[0] as string[]);
      out = this.rows.filter((r) => ids.has(r.id)).map((r) => ({ id: r.id, hash: r.hash }));
    } else throw new Error(`unexpected query ${sql}`);
    this.queries.push({ sql, returned: out.length });
    return out;
  };
  /** The writer's checkpoint of the head as it is now. */
  checkpoint(file: string): void {
    const cp = signCheckpoint(KEY, { v: 1, chain: CHAIN, rows: Number(this.head.row_count), lastId: this.head.last_id, hash: this.head.hash, at: new Date().toISOString(), by: 'spec' });
    appendFileSync(file, `${JSON.stringify(cp)}\n`);
  }
}

let file: string;
beforeEach(() => {
  file = join(mkdtempSync(join(tmpdir(), 'audit-chain-')), 'checkpoints.log');
});
const verify = (t: FakeTable, batchSize = 5) => verifyChain(t.query, { key: KEY, checkpointFile: file, batchSize });

function table(rows: number): FakeTable {
  const t = new FakeTable();
  for (let i = 0; i < rows; i++) t.append({ detail: { decision: 'accept', n: i, nested: { b: 1, a: [i, 'x'] } } });
  return t;
}

describe('the keyed audit chain', () => {
  it('passes an untouched chain, reading it in batches of the batch size', async () => {
    const t = table(12);
    t.checkpoint(file);
    const report = await verify(t);
    expect(chainIntact(report)).toBe(true);
    expect(report).toMatchObject({ rows: 12, keyedRows: 12, breakCount: 0, missingIds: 0, lastId: '12', batches: 3 });
    const batches = t.queries.filter((q) => q.sql.includes('ORDER BY audit_log.id LIMIT'));
    expect(batches.map((q) => q.returned)).toEqual([5, 5, 2]);
  });

  it('reads a long table in constant-size batches: never more than the batch size at once', async () => {
    const t = table(2000);
    const report = await verify(t, 250);
    expect(report.rows).toBe(2000);
    const batches = t.queries.filter((q) => q.sql.includes('ORDER BY audit_log.id LIMIT'));
    expect(batches).toHaveLength(9); // 8 full batches and the empty one that ends the walk
    expect(report.batches).toBe(9);
    expect(Math.max(...batches.map((q) => q.returned))).toBe(250);
  });

  it('catches a row edited and re-hashed without the key (plain SHA-256, or another key)', async () => {
    const t = table(10);
    const row = t.rows[4];
    row.actor = 'someone_else';
    row.hash = auditRowHash(row.prev_hash, row); // the unkeyed hash the old chain accepted
    t.rows[5].prev_hash = row.hash; // and the chain re-linked after it
    for (let i = 5; i < t.rows.length; i++) {
      t.rows[i].hash = keyedRowHash(randomBytes(32), CHAIN, t.rows[i].id, t.rows[i].prev_hash, t.rows[i]);
      if (t.rows[i + 1]) t.rows[i + 1].prev_hash = t.rows[i].hash;
    }
    const report = await verify(t);
    expect(report.brokenAt).toBe('5');
    expect(report.breaks).toEqual(expect.arrayContaining([{ id: '5', problem: 'hmac' }, { id: '6', problem: 'hmac' }]));
    expect(chainIntact(report)).toBe(false);
  });

  it('catches deleting the newest rows by the signed checkpoint', async () => {
    const t = table(10);
    t.checkpoint(file);
    t.rows.splice(7); // rows 8–10 gone, and the head row set back to match
    t.head = { ...t.head, last_id: '7', row_count: '7', hash: t.rows[6].hash };
    const report = await verify(t);
    expect(report.breakCount).toBe(0); // the chain that is left is valid…
    expect(report.headBehindCheckpoint).toEqual({ checkpointRows: 10, checkpointLastId: '10', rows: 7, lastId: '7' });
    expect(chainIntact(report)).toBe(false); // …but shorter than signed
  });

  it('catches a deleted row in the middle as a gap, and rows renumbered to close it by their HMAC', async () => {
    const t = table(10);
    t.rows.splice(3, 1);
    let report = await verify(t);
    expect(report.gaps).toEqual([{ from: '4', to: '4' }]);
    expect(report.missingIds).toBe(1);
    expect(report.breaks).toEqual([{ id: '5', problem: 'prev-hash' }]);
    t.rows.slice(3).forEach((r) => (r.id = String(Number(r.id) - 1)));
    report = await verify(t);
    expect(report.missingIds).toBe(0);
    expect(report.breaks.map((b) => b.problem)).toEqual(expect.arrayContaining(['hmac']));
  });

  it('rejects a checkpoint forged without the key, and notices a checkpointed row that changed', async () => {
    const t = table(6);
    const forged = { ...signCheckpoint(randomBytes(32), { v: 1, chain: CHAIN, rows: 3, lastId: '3', hash: t.rows[2].hash, at: 'x', by: 'forger' }) };
    writeFileSync(file, `${JSON.stringify(forged)}\nnot json\n`);
    t.checkpoint(file);
    let report = await verify(t);
    expect(report.checkpoints.problems).toEqual(['checkpoint file line 1: bad signature', 'checkpoint file line 2: not JSON']);
    writeFileSync(file, '');
    t.checkpoint(file);
    t.rows[5].hash = 'f'.repeat(64);
    report = await verify(t);
    expect(report.checkpoints.problems).toEqual([expect.stringMatching(/row 6 has another hash/)]);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('ignores checkpoints of another chain (another database, or one created again)', async () => {
    const other = table(20);
    other.head.chain_id = 'another';
    const cp = signCheckpoint(KEY, { v: 1, chain: 'another', rows: 20, lastId: '20', hash: other.head.hash, at: 'x', by: 'x' });
    writeFileSync(file, `${JSON.stringify(cp)}\n`);
    const report = await verify(table(3));
    expect(report.checkpoints).toMatchObject({ read: 0, otherChains: 1, problems: [] });
    expect(report.headBehindCheckpoint).toBeUndefined();
  });

  it('verifies rows from before the cut-over as unkeyed SHA-256 rows; the first keyed row seals them', async () => {
    const t = new FakeTable();
    for (let i = 0; i < 4; i++) t.appendLegacy();
    t.rows.splice(1, 1); // a rolled-back insert once left a sequence gap: linked, not a break
    t.rows[1].prev_hash = t.rows[0].hash;
    t.rows[1].hash = auditRowHash(t.rows[1].prev_hash, t.rows[1]);
    t.rows[2].prev_hash = t.rows[1].hash;
    t.rows[2].hash = auditRowHash(t.rows[2].prev_hash, t.rows[2]);
    t.head.hash = t.rows[2].hash;
    for (let i = 0; i < 3; i++) t.append();
    let report = await verify(t);
    expect(report).toMatchObject({ rows: 6, legacyRows: 3, keyedRows: 3, breakCount: 0, missingIds: 0, legacyIdGaps: 1 });

    // Rewriting an unkeyed row and re-hashing the unkeyed prefix breaks the first keyed row.
    t.rows[0].actor = 'someone_else';
    let prev = GENESIS_HASH;
    for (const r of t.rows.slice(0, 3)) {
      r.prev_hash = prev;
      r.hash = auditRowHash(prev, r);
      prev = r.hash;
    }
    report = await verify(t);
    expect(report.breaks).toEqual([{ id: '5', problem: 'prev-hash' }]);

    // An unkeyed row after the cut-over is refused however well it links.
    const t2 = table(2);
    const last = t2.rows[1];
    const legacy = { ...last, id: '3', version: 1, prev_hash: last.hash, hash: '' };
    legacy.hash = auditRowHash(legacy.prev_hash, legacy);
    t2.rows.push(legacy);
    // (inserted around appendAudit, so the writers' head row is behind the table too)
    expect((await verify(t2)).breaks).toEqual([{ id: '3', problem: 'version' }, { id: '3', problem: 'head' }]);
  });
});

describe('the hashed content', () => {
  it('is canonical JSON: key order and undefined fields do not change it', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: undefined, w: null }], c: 'é' } })).toBe('{"a":{"c":"é","d":[1,{"w":null,"y":2}]},"b":1}');
  });

  it('keys the hash: the same row under another key or chain id hashes differently', () => {
    const row = { at: new Date(0), actor: 'a', action: 'login', processId: null, taskId: null, detail: {} };
    const h = keyedRowHash(KEY, CHAIN, '1', GENESIS_HASH, row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedRowHash(randomBytes(32), CHAIN, '1', GENESIS_HASH, row)).not.toBe(h);
    expect(keyedRowHash(KEY, 'other', '1', GENESIS_HASH, row)).not.toBe(h);
    expect(keyedRowHash(KEY, CHAIN, '2', GENESIS_HASH, row)).not.toBe(h);
    expect(createHash('sha256').update('x').digest('hex')).not.toBe(h);
  });
});

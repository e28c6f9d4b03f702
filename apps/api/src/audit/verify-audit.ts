/**
 * The audit check (ARCHITECTURE.md mechanism 7), in constant memory:
 *   1. the keyed chain, walked in batches by id, against the signed checkpoints
 *      (libs/persistence/audit-chain.ts): broken HMACs, gaps, a head behind the last checkpoint;
 *   2. duplicate decision rows: two `decision` rows for one task (beyond the re-decisions a
 *      workflow refusal allows) or two `decision-accepted` rows for one task — one GROUP BY in
 *      Postgres, which spills to disk rather than to this process's memory;
 *   3. every case, one at a time, against its Temporal history: each decision the workflow
 *      accepted (an `acceptDecision` activity) has exactly one `decision-accepted` row and vice
 *      versa; each API `decision` row has its decision signal in the history. Cases are taken
 *      from the processes table and from the chain's own `process-started`/`decision-accepted`
 *      rows, so a case whose audit rows were all deleted is still checked.
 */
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { ChainOptions, ChainReport, chainIntact, SqlRow, verifyChain } from '../../../../libs/persistence/audit-chain';

export interface DuplicateDecision {
  taskId: string;
  action: 'decision' | 'decision-accepted';
  rows: number;
}

export interface AuditReport extends Omit<ChainReport, 'brokenAt'> {
  chainBrokenAt?: string;
  duplicates: DuplicateDecision[];
  processesChecked: number;
  decisionsChecked: number;
  /** Closed cases whose history Temporal no longer keeps (past the namespace's retention). */
  historiesGone: string[];
  mismatches: string[];
  seconds: number;
  /** Seconds spent on the chain walk (with the checkpoints), the duplicate query and the cases. */
  timings: { chain: number; duplicates: number; cases: number };
  rowsPerSecond: number;
  peakRssMb: number;
}

export interface VerifyOptions extends ChainOptions {
  /** Cases whose histories are fetched at once. */
  concurrency?: number;
}

const DUPLICATES_SQL = `
SELECT task_id,
       count(*) FILTER (WHERE action = 'decision') AS decisions,
       count(*) FILTER (WHERE action = 'refusal' AND detail->>'by' = 'workflow') AS refused,
       count(*) FILTER (WHERE action = 'decision-accepted') AS accepted
  FROM audit_log
 WHERE task_id IS NOT NULL AND action IN ('decision', 'decision-accepted', 'refusal')
 GROUP BY task_id
HAVING count(*) FILTER (WHERE action = 'decision-accepted') > 1
    OR count(*) FILTER (WHERE action = 'decision') > 1 + count(*) FILTER (WHERE action = 'refusal' AND detail->>'by' = 'workflow')
 ORDER BY task_id
 LIMIT $1`;

type Multiset = Map<string, number>;
const add = (set: Multiset, key: string) => set.set(key, (set.get(key) ?? 0) + 1);

/** Decisions the workflow accepted and the decision signals it received, from its history. */
export function decisionsInHistory(events: SqlRow[]): { accepted: Multiset; signalled: Multiset } {
  const accepted: Multiset = new Map();
  const signalled: Multiset = new Map();
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === 'acceptDecision' && scheduled.input?.payloads?.[0]) {
      const input = defaultPayloadConverter.fromPayload<{ taskId: string; username: string; decision: string }>(scheduled.input.payloads[0]);
      add(accepted, `${input.taskId}|${input.username}|${input.decision}`);
    }
    const signal = event.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName === 'decisionSignal' && signal.input?.payloads?.[0]) {
      const input = defaultPayloadConverter.fromPayload<{ taskId: string; username: string; decision: string }>(signal.input.payloads[0]);
      add(signalled, `${input.taskId}|${input.username}|${input.decision}`);
    }
  }
  return { accepted, signalled };
}

/** One case: its audit rows against its history; the lines of what differs. */
export function compareCase(processId: string, history: ReturnType<typeof decisionsInHistory>, audit: { accepted: Multiset; decided: Multiset }): string[] {
  const out: string[] = [];
  for (const [key, n] of history.accepted) {
    const logged = audit.accepted.get(key) ?? 0;
    if (logged < n) out.push(`${processId}: accepted in history, no decision-accepted row: ${key}`);
  }
  for (const [key, n] of audit.accepted) {
    const inHistory = history.accepted.get(key) ?? 0;
    if (inHistory === 0) out.push(`${processId}: decision-accepted row, not accepted in history: ${key}`);
    else if (n > inHistory) out.push(`${processId}: ${n} decision-accepted rows for one accepted decision: ${key}`);
  }
  for (const key of audit.decided.keys()) {
    if (!history.signalled.has(key)) out.push(`${processId}: decision row without its signal in history: ${key}`);
  }
  return out;
}

/** Case ids in keyset batches: the processes table, then cases only the audit chain names. */
async function* caseIds(dataSource: DataSource, batchSize: number): AsyncGenerator<string> {
  let cursor = '';
  for (;;) {
    const rows: Array<{ process_id: string }> = await dataSource.query(`SELECT process_id FROM processes WHERE process_id > $1 ORDER BY process_id LIMIT $2`, [cursor, batchSize]);
    for (const r of rows) yield r.process_id;
    if (rows.length < batchSize) break;
    cursor = rows[rows.length - 1].process_id;
  }
  cursor = '';
  for (;;) {
    const rows: Array<{ process_id: string }> = await dataSource.query(
      `SELECT DISTINCT a.process_id FROM audit_log a
        WHERE a.action IN ('process-started', 'decision-accepted', 'decision') AND a.process_id > $1
          AND NOT EXISTS (SELECT 1 FROM processes p WHERE p.process_id = a.process_id)
        ORDER BY a.process_id LIMIT $2`,
      [cursor, batchSize],
    );
    for (const r of rows) yield r.process_id;
    if (rows.length < batchSize) break;
    cursor = rows[rows.length - 1].process_id;
  }
}

export async function verifyAudit(dataSource: DataSource, client: Client | null, options: VerifyOptions = {}): Promise<AuditReport> {
  const started = process.hrtime.bigint();
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  sample.unref();
  try {
    const listLimit = options.listLimit ?? 100;
    const lap = (() => {
      let last = process.hrtime.bigint();
      return () => {
        const now = process.hrtime.bigint();
        const seconds = Number(now - last) / 1e9;
        last = now;
        return seconds;
      };
    })();
    const { brokenAt, ...chain } = await verifyChain((sql, params) => dataSource.query(sql, params), options);
    const timings = { chain: lap(), duplicates: 0, cases: 0 };

    const duplicates: DuplicateDecision[] = [];
    for (const r of await dataSource.query(DUPLICATES_SQL, [listLimit])) {
      if (Number(r.accepted) > 1) duplicates.push({ taskId: r.task_id, action: 'decision-accepted', rows: Number(r.accepted) });
      if (Number(r.decisions) > 1 + Number(r.refused)) duplicates.push({ taskId: r.task_id, action: 'decision', rows: Number(r.decisions) });
    }

    timings.duplicates = lap();
    const mismatches: string[] = [];
    const historiesGone: string[] = [];
    let processesChecked = 0;
    let decisionsChecked = 0;
    if (client) {
      const checkOne = async (processId: string) => {
        const history = await client.workflow
          .getHandle(processId)
          .fetchHistory()
          .catch((error: { code?: number; name?: string }) => {
            if (error.code === 5 || error.name === 'WorkflowNotFoundError') return undefined;
            throw error;
          });
        const rows: Array<{ action: string; task_id: string; actor: string; decision: string }> = await dataSource.query(
          `SELECT action, task_id, actor, detail->>'decision' AS decision FROM audit_log WHERE process_id = $1 AND action IN ('decision', 'decision-accepted')`,
          [processId],
        );
        if (!history) {
          if (rows.length) historiesGone.push(processId);
          return;
        }
        const audit = { accepted: new Map() as Multiset, decided: new Map() as Multiset };
        for (const r of rows) add(r.action === 'decision' ? audit.decided : audit.accepted, `${r.task_id}|${r.actor}|${r.decision}`);
        const inHistory = decisionsInHistory((history.events ?? []) as SqlRow[]);
        processesChecked += 1;
        for (const n of inHistory.accepted.values()) decisionsChecked += n;
        for (const line of compareCase(processId, inHistory, audit)) if (mismatches.length < listLimit * 10) mismatches.push(line);
      };
      const concurrency = options.concurrency ?? 4;
      const inFlight = new Set<Promise<void>>();
      for await (const processId of caseIds(dataSource, options.batchSize ?? 5000)) {
        const p: Promise<void> = checkOne(processId).finally(() => inFlight.delete(p));
        inFlight.add(p);
        if (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    }

    timings.cases = lap();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      ...chain,
      chainBrokenAt: brokenAt,
      duplicates,
      processesChecked,
      decisionsChecked,
      historiesGone,
      mismatches,
      seconds,
      timings,
      rowsPerSecond: seconds > 0 ? Math.round(chain.rows / seconds) : chain.rows,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
    };
  } finally {
    clearInterval(sample);
  }
}

/** True when nothing is off: the exit code of `npm run audit:verify`. */
export function auditClean(report: AuditReport): boolean {
  return chainIntact({ ...report, brokenAt: report.chainBrokenAt }) && report.duplicates.length === 0 && report.mismatches.length === 0;
}

export function formatAuditReport(r: AuditReport): string[] {
  const lines = [
    `audit rows: ${r.rows} (${r.keyedRows} keyed, ${r.legacyRows} before the cut-over), last id ${r.lastId ?? '-'}, ${r.batches} batches`,
    `chain: ${r.breakCount ? `BROKEN at ${r.breakCount} row(s), first ${r.chainBrokenAt}` : 'intact'}; missing ids: ${r.missingIds}${r.legacyIdGaps ? ` (before the cut-over: ${r.legacyIdGaps} sequence gaps, linked rows)` : ''}`,
    `checkpoints: ${r.checkpoints.read} read from ${r.checkpoints.file}${r.checkpoints.newest ? `, newest ${r.checkpoints.newest.at}: ${r.checkpoints.newest.rows} rows up to id ${r.checkpoints.newest.lastId}` : ''}${r.checkpoints.otherChains ? `, ${r.checkpoints.otherChains} of other chains ignored` : ''}`,
    `duplicate decision rows: ${r.duplicates.length}`,
    `processes checked: ${r.processesChecked}, decisions cross-checked against Temporal: ${r.decisionsChecked}`,
    `time: ${r.seconds.toFixed(2)} s (chain ${r.timings.chain.toFixed(2)} s, duplicates ${r.timings.duplicates.toFixed(2)} s, cases ${r.timings.cases.toFixed(2)} s), ${r.rowsPerSecond} rows/s, peak RSS ${r.peakRssMb} MB`,
  ];
  if (r.historiesGone.length) lines.push(`histories no longer kept by Temporal (retention): ${r.historiesGone.length}`);
  for (const b of r.breaks) lines.push(`BROKEN row ${b.id}: ${b.problem}`);
  for (const g of r.gaps) lines.push(`GAP ids ${g.from}${g.to !== g.from ? `–${g.to}` : ''} missing`);
  for (const p of r.checkpoints.problems) lines.push(`CHECKPOINT ${p}`);
  if (r.headBehindCheckpoint) {
    const h = r.headBehindCheckpoint;
    lines.push(`TRUNCATED the table ends at id ${h.lastId ?? '-'} (${h.rows} rows); the newest checkpoint signed ${h.checkpointRows} rows up to id ${h.checkpointLastId}`);
  }
  for (const d of r.duplicates) lines.push(`DUPLICATE ${d.rows} ${d.action} rows for task ${d.taskId}`);
  for (const m of r.mismatches) lines.push(`MISMATCH ${m}`);
  return lines;
}

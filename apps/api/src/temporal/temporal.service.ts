import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowEntryPath } from '../../../../libs/procedures/registry';
import { prebuiltBundlePath, temporalSettings, TemporalSettings } from '../../../../libs/temporal/temporal-settings';

/** Temporal did not answer within the deadline (mapped to 503 UNAVAILABLE). */
export class TemporalUnreachableError extends Error {
  override name = 'TemporalUnreachableError';
  readonly code = 4; // gRPC DEADLINE_EXCEEDED
}

export type History = temporal.api.history.v1.IHistory;

export interface ReplayVerdict {
  deterministic: boolean;
  eventsReplayed: number;
  error?: string;
}

/** The API's one door to Temporal: start, signal, describe, fetch history, replay, health. */
@Injectable()
export class TemporalService implements OnModuleDestroy {
  readonly settings: TemporalSettings = temporalSettings();
  // Lazy: the API starts (and reports `temporal: down`) while the server is unreachable.
  private readonly connection = Connection.lazy({ address: this.settings.address, connectTimeout: '5 seconds' });
  readonly client = new Client({ connection: this.connection, namespace: this.settings.namespace });

  /**
   * Runs a call that a person is waiting on with a deadline, so an unreachable server is a
   * prompt 503 rather than a request hanging through the client's retries.
   */
  withDeadline<T>(call: () => Promise<T>, timeoutMs = TemporalService.rpcTimeoutMs()): Promise<T> {
    // The gRPC deadline bounds each call; the race also bounds the lazy connection's first
    // connect attempt (its own timeout is longer), so a person waits at most the deadline.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TemporalUnreachableError(`Temporal did not answer within ${timeoutMs} ms`)), timeoutMs + 250);
    });
    const attempt = this.client.withDeadline(Date.now() + timeoutMs, call);
    // A call given up on may still be retrying inside the client; closing the connection under it
    // would throw from its retry timer, so onModuleDestroy waits for these first.
    this.inFlight.add(attempt);
    attempt.catch(() => undefined).finally(() => this.inFlight.delete(attempt));
    return Promise.race([attempt, deadline]).finally(() => clearTimeout(timer));
  }

  private readonly inFlight = new Set<Promise<unknown>>();

  static rpcTimeoutMs(): number {
    return Number(process.env.TEMPORAL_RPC_TIMEOUT_MS ?? 5000);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.inFlight.size) {
      let timer: NodeJS.Timeout | undefined;
      const cap = new Promise((resolve) => (timer = setTimeout(resolve, TemporalService.rpcTimeoutMs() + 10_000)));
      await Promise.race([Promise.allSettled([...this.inFlight]), cap]).finally(() => clearTimeout(timer));
    }
    await this.connection.close();
  }

  /** Asks the server itself each time (not the connection's cached first attempt), so health recovers with it. */
  async isUp(timeoutMs = 3000): Promise<boolean> {
    try {
      await this.withDeadline(() => this.client.workflowService.getSystemInfo({}), timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  /** Bounded by the RPC deadline: an unreachable server is a 503, not a hanging read. */
  async fetchHistory(workflowId: string): Promise<History> {
    return this.withDeadline(() => this.client.workflow.getHandle(workflowId).fetchHistory());
  }

  historyJson(history: History): unknown {
    return JSON.parse(historyToJSON(history));
  }

  /** Replays a recorded history against the deployed workflow code (the prebuilt bundle). */
  async replay(workflowId: string, history: History): Promise<ReplayVerdict> {
    const eventsReplayed = history.events?.length ?? 0;
    const bundlePath = prebuiltBundlePath();
    try {
      await Worker.runReplayHistory(
        bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: workflowEntryPath() },
        history,
        workflowId,
      );
      return { deterministic: true, eventsReplayed };
    } catch (error) {
      const kind = (error as Error)?.name === 'DeterminismViolationError' ? 'non-deterministic' : 'replay failed';
      return { deterministic: false, eventsReplayed, error: `${kind}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  webUiLink(workflowId: string): string {
    return `${this.settings.uiUrl}/namespaces/${encodeURIComponent(this.settings.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  }

  static isNotFound(error: unknown): boolean {
    return error instanceof WorkflowNotFoundError || (error as { name?: string })?.name === 'WorkflowNotFoundError';
  }
}

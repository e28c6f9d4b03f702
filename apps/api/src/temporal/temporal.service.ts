import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { settings } from '../../../../libs/config/settings';
import { workflowEntryPath } from '../../../../libs/procedures/registry';
import { prebuiltBundlePath, temporalSettings, TemporalSettings } from '../../../../libs/temporal/temporal-settings';

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
  withDeadline<T>(call: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + settings().TEMPORAL_RPC_TIMEOUT_MS, call);
  }

  async onModuleDestroy(): Promise<void> {
    await this.connection.close();
  }

  /** Asks the server itself each time (not the connection's cached first attempt), so health recovers with it. */
  async isUp(): Promise<boolean> {
    try {
      await this.client.withDeadline(Date.now() + 3000, () => this.client.workflowService.getSystemInfo({}));
      return true;
    } catch {
      return false;
    }
  }

  async fetchHistory(workflowId: string): Promise<History> {
    return this.client.workflow.getHandle(workflowId).fetchHistory();
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

import * as path from 'path';
import { existsSync } from 'fs';
import { TASK_QUEUE } from '../contracts/workflow-contract';
import { PROJECT_ROOT } from '../project-root';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Where people open a case in the Temporal Web UI. */
  uiUrl: string;
}

export function temporalSettings(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  return {
    address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? TASK_QUEUE,
    uiUrl: env.TEMPORAL_UI_URL ?? 'http://localhost:8233',
  };
}

/** The prebuilt workflow bundle (`npm run build`), shared by the worker and the replay endpoint. */
export const WORKFLOW_BUNDLE_PATH = path.join(PROJECT_ROOT, 'dist/workflow-bundle.js');

export function prebuiltBundlePath(): string | undefined {
  return existsSync(WORKFLOW_BUNDLE_PATH) ? WORKFLOW_BUNDLE_PATH : undefined;
}

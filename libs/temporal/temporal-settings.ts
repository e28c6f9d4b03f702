import * as path from 'path';
import { existsSync } from 'fs';
import { settings } from '../config/settings';
import { PROJECT_ROOT } from '../project-root';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Where people open a case in the Temporal Web UI. */
  uiUrl: string;
}

export function temporalSettings(): TemporalSettings {
  const s = settings();
  return { address: s.TEMPORAL_ADDRESS, namespace: s.TEMPORAL_NAMESPACE, taskQueue: s.TEMPORAL_TASK_QUEUE, uiUrl: s.TEMPORAL_UI_URL };
}

/** The prebuilt workflow bundle (`npm run build`), shared by the worker and the replay endpoint. */
export const WORKFLOW_BUNDLE_PATH = path.join(PROJECT_ROOT, 'dist/workflow-bundle.js');

export function prebuiltBundlePath(): string | undefined {
  return existsSync(WORKFLOW_BUNDLE_PATH) ? WORKFLOW_BUNDLE_PATH : undefined;
}

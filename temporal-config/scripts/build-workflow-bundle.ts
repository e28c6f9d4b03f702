/** Bundles workflows/ once at build time; the worker and the replay endpoint load this file. */
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'fs/promises';
import { WORKFLOW_BUNDLE_PATH, WORKFLOWS_SOURCE_PATH } from '../../libs/temporal/temporal-settings';

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_SOURCE_PATH) });
  await writeFile(WORKFLOW_BUNDLE_PATH, code);
  console.log(`workflow bundle written to ${WORKFLOW_BUNDLE_PATH} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((error) => {
  console.error('workflow bundle failed:', error);
  process.exit(1);
});

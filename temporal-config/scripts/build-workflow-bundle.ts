/** Bundles every procedure module's workflows once at build time; the worker and the replay endpoint load this file. */
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'fs/promises';
import { workflowEntryPath } from '../../libs/procedures/registry';
import { WORKFLOW_BUNDLE_PATH } from '../../libs/temporal/temporal-settings';

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowEntryPath() });
  await writeFile(WORKFLOW_BUNDLE_PATH, code);
  console.log(`workflow bundle written to ${WORKFLOW_BUNDLE_PATH} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((error) => {
  console.error('workflow bundle failed:', error);
  process.exit(1);
});

/**
 * Histories of finished cases, kept as fixtures, replayed against the current workflow code:
 * a change that would break a running case fails here (then guard it with patched()).
 * Refresh with `UPDATE_FIXTURES=1 npm test` only for a deliberate, compatible change.
 */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { PROCESS_TYPES } from '../../libs/procedures/registry';
import { workflowBundle } from '../support/workflow-harness';

const dir = path.resolve(__dirname, '../fixtures/histories');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replay of kept histories', () => {
  it('has fixtures for every objection policy and every process type', () => {
    for (const policy of ['center', 'company', 'municipal', 'zhejiang']) {
      expect(fixtures.some((f) => f.startsWith(`objection-${policy}-`))).toBe(true);
    }
    expect(PROCESS_TYPES.map((t) => t.type).filter((type) => !fixtures.some((f) => f.startsWith(`${type}-`)))).toEqual([]);
  });

  it.each(fixtures)('%s replays deterministically', async (file) => {
    const { workflowId, history } = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, historyFromJSON(history), workflowId)).resolves.toBeUndefined();
  });
});

/** Quiet the Temporal runtime in test output (webpack stats, worker state, the test server's capability warnings). */
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // Already installed in this process by an earlier test file.
}

import { InitialSchema1795306537273 } from './1795306537273-initial-schema';
import { InboxIndexes1795400000000 } from './1795400000000-inbox-indexes';
import { WorkerHeartbeats1795810000000 } from './1795810000000-worker-heartbeats';

/** The platform's own migrations; each procedure module declares its own (libs/procedures). TypeORM runs all by timestamp. */
export const CORE_MIGRATIONS = [InitialSchema1795306537273, InboxIndexes1795400000000, WorkerHeartbeats1795810000000];

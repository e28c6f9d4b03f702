import { InitialSchema1795306537273 } from './1795306537273-initial-schema';
import { InboxIndexes1795400000000 } from './1795400000000-inbox-indexes';
import { AuditKeyedChain1795800000000 } from './1795800000000-audit-keyed-chain';
import { VocabularyStatusKeys1795810000000 } from './1795810000000-vocabulary-status-keys';
import { UserTokenVersion1796000000000 } from './1796000000000-user-token-version';

/** The platform's own migrations; each procedure module declares its own (libs/procedures). TypeORM runs all by timestamp. */
export const CORE_MIGRATIONS = [InitialSchema1795306537273, InboxIndexes1795400000000, AuditKeyedChain1795800000000, VocabularyStatusKeys1795810000000, UserTokenVersion1796000000000];

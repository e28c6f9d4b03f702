import { InitialSchema1795306537273 } from './1795306537273-initial-schema';
import { InboxIndexes1795400000000 } from './1795400000000-inbox-indexes';

/** In order; each runs once (TypeORM records them in the migrations table). */
export const MIGRATIONS = [InitialSchema1795306537273, InboxIndexes1795400000000];

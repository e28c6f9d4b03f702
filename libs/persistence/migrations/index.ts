import { InitialSchema1795306537273 } from './1795306537273-initial-schema';
import { InboxIndexes1795400000000 } from './1795400000000-inbox-indexes';
import { ProductCatalogue1795500000000 } from './1795500000000-product-catalogue';
import { OrdersAndReports1795700000000 } from './1795700000000-orders-and-reports';
import { DataFiles1795600000000 } from './1795600000000-data-files';
import { UserTokenVersion1796000000000 } from './1796000000000-user-token-version';

/** In order; each runs once (TypeORM records them in the migrations table). */
export const MIGRATIONS = [
  InitialSchema1795306537273,
  InboxIndexes1795400000000,
  // P4, P4b, P4c: 1795500000000
  ProductCatalogue1795500000000,
  // P5, P6: 1795600000000
  DataFiles1795600000000,
  // P8, P9: 1795700000000
  OrdersAndReports1795700000000,
  // Sessions: token_version on users
  UserTokenVersion1796000000000,
];

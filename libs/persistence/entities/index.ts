import { ArchiveRecordEntity } from './archive-record.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CreditItemEntity } from './credit-item.entity';
import { NoticeEntity } from './notice.entity';
import { ProcessEntity } from './process.entity';
import { TaskEntity } from './task.entity';
import { UserRoleEntity } from './user-role.entity';
import { UserEntity } from './user.entity';

export { ArchiveRecordEntity, AuditLogEntity, CreditItemEntity, NoticeEntity, ProcessEntity, TaskEntity, UserEntity, UserRoleEntity };
// P4, P4b, P4c
import { IndicatorEntity } from './indicator.entity';
import { ProductChangeEntity } from './product-change.entity';
import { ProductIndicatorEntity } from './product-indicator.entity';
import { ProductTestRunEntity } from './product-test-run.entity';
import { ProductEntity } from './product.entity';
export { IndicatorEntity, ProductChangeEntity, ProductEntity, ProductIndicatorEntity, ProductTestRunEntity };
// P8, P9
import { OrderEntity } from './order.entity';
import { OrderTaskEntity } from './order-task.entity';
import { ReportReviewOpinionEntity } from './report-review-opinion.entity';
import { ReportVersionEntity } from './report-version.entity';
export { OrderEntity, OrderTaskEntity, ReportReviewOpinionEntity, ReportVersionEntity };

// P5, P6
import { DataFileEntity } from './data-file.entity';
import { DataImportBatchEntity } from './data-import-batch.entity';
import { DataLoadErrorEntity } from './data-load-error.entity';
import { DataOpenEntryEntity } from './data-open-entry.entity';
import { DataProviderEntity } from './data-provider.entity';
export { DataFileEntity, DataImportBatchEntity, DataLoadErrorEntity, DataOpenEntryEntity, DataProviderEntity };

export const ENTITIES = [
  UserEntity,
  UserRoleEntity,
  ProcessEntity,
  TaskEntity,
  NoticeEntity,
  AuditLogEntity,
  CreditItemEntity,
  ArchiveRecordEntity,
  // P4, P4b, P4c: product and indicator catalogues
  ProductEntity,
  IndicatorEntity,
  ProductIndicatorEntity,
  ProductTestRunEntity,
  ProductChangeEntity,
  // P5, P6: data files
  DataProviderEntity,
  DataFileEntity,
  DataImportBatchEntity,
  DataLoadErrorEntity,
  DataOpenEntryEntity,
  // P8, P9: orders, investigation tasks, report versions
  OrderEntity,
  OrderTaskEntity,
  ReportVersionEntity,
  ReportReviewOpinionEntity,
];

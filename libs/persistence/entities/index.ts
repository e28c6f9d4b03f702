import { ArchiveRecordEntity } from './archive-record.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CreditItemEntity } from './credit-item.entity';
import { NoticeEntity } from './notice.entity';
import { ProcessEntity } from './process.entity';
import { TaskEntity } from './task.entity';
import { UserRoleEntity } from './user-role.entity';
import { UserEntity } from './user.entity';

export { ArchiveRecordEntity, AuditLogEntity, CreditItemEntity, NoticeEntity, ProcessEntity, TaskEntity, UserEntity, UserRoleEntity };

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
  // P5, P6: data files
  // P8, P9: orders, investigation tasks, report versions
];

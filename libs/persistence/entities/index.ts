/** The platform's own tables; each procedure module declares its own entities (libs/procedures). */
import { ArchiveRecordEntity } from './archive-record.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CaseReadEntity } from './case-read.entity';
import { CreditItemEntity } from './credit-item.entity';
import { NoticeEntity } from './notice.entity';
import { ProcessEntity } from './process.entity';
import { TaskEntity } from './task.entity';
import { UserRoleEntity } from './user-role.entity';
import { UserEntity } from './user.entity';

export { ArchiveRecordEntity, AuditLogEntity, CaseReadEntity, CreditItemEntity, NoticeEntity, ProcessEntity, TaskEntity, UserEntity, UserRoleEntity };

export const CORE_ENTITIES = [UserEntity, UserRoleEntity, ProcessEntity, TaskEntity, NoticeEntity, AuditLogEntity, CaseReadEntity, CreditItemEntity, ArchiveRecordEntity];

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { NoticeKind } from '../../../../libs/persistence/entities/notice.entity';
import { PageOf, PageQuery } from '../common/page.dto';

export class NoticeQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['unread', 'read'] })
  @IsOptional()
  @IsIn(['unread', 'read'])
  status?: 'unread' | 'read';
}

const NOTICE_KINDS: NoticeKind[] = ['escalation', 'new-task', 'info'];

export class NoticeDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: NOTICE_KINDS }) kind!: NoticeKind;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiPropertyOptional() processId?: string;
  @ApiPropertyOptional() taskId?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) readAt?: string;
}

export class NoticePage extends PageOf(NoticeDto) {}

import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { NoticeEntity } from '../../../../libs/persistence/entities';
import { ApiErrorCode, ApiException } from '../common/api-exception';
import { CurrentUser, User } from '../common/current-user';
import { ApiErrors, AUTHENTICATED_ERRORS } from '../common/api-error.dto';
import { NoticePage, NoticeQuery } from './notices.dto';

/** Escalations and new work for the caller (P13: notices, unread / read). */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ type: NoticePage })
  @ApiErrors(ApiErrorCode.VALIDATION_FAILED, ...AUTHENTICATED_ERRORS)
  async list(@User() user: CurrentUser, @Query() query: NoticeQuery): Promise<NoticePage> {
    const readAt = query.status === 'unread' ? IsNull() : query.status === 'read' ? Not(IsNull()) : undefined;
    const [rows, total] = await this.dataSource.getRepository(NoticeEntity).findAndCount({
      where: { recipient: user.username, ...(readAt && { readAt }) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return {
      items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, processId: n.processId ?? undefined, taskId: n.taskId ?? undefined, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() })),
      total,
    };
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'read (again: no change)' })
  @ApiErrors(ApiErrorCode.VALIDATION_FAILED, ...AUTHENTICATED_ERRORS, ApiErrorCode.NOT_FOUND)
  async markRead(@User() user: CurrentUser, @Param('id', ParseIntPipe) id: number): Promise<void> {
    const result = await this.dataSource.getRepository(NoticeEntity).update({ id, recipient: user.username }, { readAt: () => 'coalesce(read_at, now())' });
    if (!result.affected) throw new ApiException(ApiErrorCode.NOT_FOUND, `no notice ${id}`);
  }
}

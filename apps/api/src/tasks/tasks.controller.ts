import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AUTHENTICATED_ERRORS } from '../common/api-error.dto';
import { ApiErrorCode } from '../common/api-exception';
import { CurrentUser, User } from '../common/current-user';
import { CompleteTaskDto, TaskDto, TaskListQuery, TaskPage } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOkResponse({ type: TaskPage, description: 'sorted by due time, soonest first' })
  @ApiErrors(ApiErrorCode.VALIDATION_FAILED, ...AUTHENTICATED_ERRORS)
  list(@User() user: CurrentUser, @Query() query: TaskListQuery): Promise<TaskPage> {
    return this.tasks.list(user, query);
  }

  @Get(':taskId')
  @ApiOkResponse({ type: TaskDto })
  @ApiErrors(...AUTHENTICATED_ERRORS, ApiErrorCode.FORBIDDEN, ApiErrorCode.NOT_FOUND)
  get(@User() user: CurrentUser, @Param('taskId') taskId: string): Promise<TaskDto> {
    return this.tasks.get(user, taskId);
  }

  @Post(':taskId/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDto, description: 'the task, claimed by the caller' })
  @ApiErrors(...AUTHENTICATED_ERRORS, ApiErrorCode.FORBIDDEN, ApiErrorCode.FOUR_EYES, ApiErrorCode.NOT_FOUND, ApiErrorCode.CONFLICT)
  claim(@User() user: CurrentUser, @Param('taskId') taskId: string): Promise<TaskDto> {
    return this.tasks.claim(user, taskId);
  }

  @Post(':taskId/release')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDto, description: 'the task, open again' })
  @ApiErrors(...AUTHENTICATED_ERRORS, ApiErrorCode.FORBIDDEN, ApiErrorCode.NOT_FOUND, ApiErrorCode.CONFLICT)
  release(@User() user: CurrentUser, @Param('taskId') taskId: string): Promise<TaskDto> {
    return this.tasks.release(user, taskId);
  }

  @Post(':taskId/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDto, description: 'the task, completed: the decision is durably recorded and delivered to the process' })
  @ApiErrors(ApiErrorCode.VALIDATION_FAILED, ...AUTHENTICATED_ERRORS, ApiErrorCode.FORBIDDEN, ApiErrorCode.FOUR_EYES, ApiErrorCode.NOT_FOUND, ApiErrorCode.CONFLICT)
  complete(@User() user: CurrentUser, @Param('taskId') taskId: string, @Body() body: CompleteTaskDto): Promise<TaskDto> {
    return this.tasks.complete(user, taskId, body);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, User } from '../common/current-user';
import { CompleteTaskDto, TaskListQuery } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  list(@User() user: CurrentUser, @Query() query: TaskListQuery) {
    return this.tasks.list(user, query);
  }

  @Get(':taskId')
  get(@User() user: CurrentUser, @Param('taskId') taskId: string) {
    return this.tasks.get(user, taskId);
  }

  @Post(':taskId/claim')
  @HttpCode(200)
  claim(@User() user: CurrentUser, @Param('taskId') taskId: string) {
    return this.tasks.claim(user, taskId);
  }

  @Post(':taskId/release')
  @HttpCode(200)
  release(@User() user: CurrentUser, @Param('taskId') taskId: string) {
    return this.tasks.release(user, taskId);
  }

  @Post(':taskId/complete')
  @HttpCode(200)
  complete(@User() user: CurrentUser, @Param('taskId') taskId: string, @Body() body: CompleteTaskDto) {
    return this.tasks.complete(user, taskId, body);
  }
}

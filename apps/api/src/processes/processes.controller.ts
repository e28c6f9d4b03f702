import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, User } from '../common/current-user';
import { HistoryQuery, ProcessListQuery, StartProcessDto } from './processes.dto';
import { ProcessesService } from './processes.service';

@ApiTags('processes')
@ApiBearerAuth()
@Controller()
export class ProcessesController {
  constructor(private readonly processes: ProcessesService) {}

  @Get('process-types')
  processTypes() {
    return this.processes.processTypes();
  }

  @Post('processes')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried start with the same key returns the same process' })
  start(@User() user: CurrentUser, @Body() body: StartProcessDto, @Headers('idempotency-key') idempotencyKey?: string) {
    return this.processes.start(user, body, idempotencyKey || undefined);
  }

  @Get('processes')
  list(@User() user: CurrentUser, @Query() query: ProcessListQuery) {
    return this.processes.list(user, query);
  }

  @Get('processes/:processId')
  get(@User() user: CurrentUser, @Param('processId') processId: string) {
    return this.processes.get(user, processId);
  }

  @Get('processes/:processId/history')
  history(@User() user: CurrentUser, @Param('processId') processId: string, @Query() query: HistoryQuery) {
    return query.format === 'temporal' ? this.processes.rawHistory(user, processId) : this.processes.history(user, processId);
  }

  @Post('processes/:processId/replay')
  @HttpCode(200)
  replay(@User() user: CurrentUser, @Param('processId') processId: string) {
    return this.processes.replay(user, processId);
  }
}

import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors, AUTHENTICATED_ERRORS } from '../common/api-error.dto';
import { ApiErrorCode } from '../common/api-exception';
import { CurrentUser, User } from '../common/current-user';
import {
  HistoryDto,
  HistoryQuery,
  ProcessDetailDto,
  ProcessListQuery,
  ProcessPage,
  ProcessTypeDto,
  ReplayResultDto,
  StartedProcessDto,
  StartProcessDto,
  TemporalHistoryDto,
} from './processes.dto';
import { ProcessesService } from './processes.service';

@ApiTags('processes')
@ApiBearerAuth()
@ApiExtraModels(HistoryDto, TemporalHistoryDto)
@Controller()
export class ProcessesController {
  constructor(private readonly processes: ProcessesService) {}

  @Get('process-types')
  @ApiOkResponse({ type: [ProcessTypeDto] })
  @ApiErrors(...AUTHENTICATED_ERRORS)
  processTypes(): ProcessTypeDto[] {
    return this.processes.processTypes();
  }

  @Post('processes')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried start with the same key returns the same process' })
  @ApiCreatedResponse({ type: StartedProcessDto })
  @ApiErrors(ApiErrorCode.VALIDATION_FAILED, ...AUTHENTICATED_ERRORS, ApiErrorCode.FORBIDDEN, ApiErrorCode.NOT_FOUND)
  start(@User() user: CurrentUser, @Body() body: StartProcessDto, @Headers('idempotency-key') idempotencyKey?: string): Promise<StartedProcessDto> {
    return this.processes.start(user, body, idempotencyKey || undefined);
  }

  @Get('processes')
  @ApiOkResponse({ type: ProcessPage, description: 'newest first' })
  @ApiErrors(ApiErrorCode.VALIDATION_FAILED, ...AUTHENTICATED_ERRORS)
  list(@User() user: CurrentUser, @Query() query: ProcessListQuery): Promise<ProcessPage> {
    return this.processes.list(user, query);
  }

  @Get('processes/:processId')
  @ApiOkResponse({ type: ProcessDetailDto })
  @ApiErrors(...AUTHENTICATED_ERRORS, ApiErrorCode.FORBIDDEN, ApiErrorCode.NOT_FOUND)
  get(@User() user: CurrentUser, @Param('processId') processId: string): Promise<ProcessDetailDto> {
    return this.processes.get(user, processId);
  }

  @Get('processes/:processId/history')
  @ApiOkResponse({
    description: 'the business timeline; with `format=temporal`, the raw Temporal event history',
    schema: { oneOf: [{ $ref: getSchemaPath(HistoryDto) }, { $ref: getSchemaPath(TemporalHistoryDto) }] },
  })
  @ApiErrors(ApiErrorCode.VALIDATION_FAILED, ...AUTHENTICATED_ERRORS, ApiErrorCode.FORBIDDEN, ApiErrorCode.NOT_FOUND)
  history(@User() user: CurrentUser, @Param('processId') processId: string, @Query() query: HistoryQuery): Promise<HistoryDto | unknown> {
    return query.format === 'temporal' ? this.processes.rawHistory(user, processId) : this.processes.history(user, processId);
  }

  @Post('processes/:processId/replay')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplayResultDto, description: 'the recorded history replayed against the deployed workflow code' })
  @ApiErrors(...AUTHENTICATED_ERRORS, ApiErrorCode.FORBIDDEN, ApiErrorCode.NOT_FOUND)
  replay(@User() user: CurrentUser, @Param('processId') processId: string): Promise<ReplayResultDto> {
    return this.processes.replay(user, processId);
  }
}

import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ProcessStatus } from '../../../../libs/persistence/entities/process.entity';
import { JSON_OBJECT } from '../common/json-object';
import { PageOf, PageQuery } from '../common/page.dto';
import { TaskDto } from '../tasks/tasks.dto';

export class StartProcessDto {
  @ApiProperty({ example: 'objection' })
  @IsString()
  @IsNotEmpty()
  type!: string;

  @ApiPropertyOptional({ example: 'center' })
  @IsOptional()
  @IsString()
  policy?: string;

  @ApiProperty({ ...JSON_OBJECT, description: "valid against the type's inputSchema (GET /api/process-types)" })
  @IsObject()
  input!: Record<string, unknown>;
}

export class ProcessListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  type?: string;

  @ApiPropertyOptional({ enum: ['running', 'completed', 'failed', 'terminated'] })
  @IsOptional()
  @IsIn(['running', 'completed', 'failed', 'terminated'])
  status?: string;

  @ApiPropertyOptional({ description: 'searches the case title, id and business status' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  slaBreached?: boolean;

  @ApiPropertyOptional({ description: 'started at or after' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'started before' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ enum: ['timeline', 'temporal'] })
  @IsOptional()
  @IsIn(['timeline', 'temporal'])
  format?: 'timeline' | 'temporal';
}

const PROCESS_STATUSES: ProcessStatus[] = ['running', 'completed', 'failed', 'terminated'];

// ---- responses ----------------------------------------------------------------------------

/** A label in both languages of the inbox. */
export class LabelDto {
  @ApiProperty({ example: '受理' }) zh!: string;
  @ApiProperty({ example: 'Acceptance' }) en!: string;
}

const LABEL_MAP = { type: 'object', additionalProperties: { $ref: getSchemaPath(LabelDto) } } as const;

/** API.md 1.1: every key a procedure can produce, labelled. */
@ApiExtraModels(LabelDto)
export class ProcessTypeLabelsDto {
  @ApiProperty({ ...LABEL_MAP, description: 'step key → label' }) steps!: Record<string, LabelDto>;
  @ApiProperty({ ...LABEL_MAP, description: 'business status → label' }) statuses!: Record<string, LabelDto>;
  @ApiProperty({ ...LABEL_MAP, description: 'outcome → label' }) outcomes!: Record<string, LabelDto>;
  @ApiProperty({ ...LABEL_MAP, description: 'decision → label' }) decisions!: Record<string, LabelDto>;
}

export class ProcessTypeDto {
  @ApiProperty({ example: 'objection' }) type!: string;
  @ApiProperty({ example: 'Objection handling' }) title!: string;
  @ApiProperty({ example: '异议处理' }) titleZh!: string;
  @ApiPropertyOptional({ type: [String], example: ['center', 'company', 'municipal', 'zhejiang'] }) policies?: readonly string[];
  @ApiProperty({ type: [String], description: 'role codes, any of which may start the procedure' }) startRoles!: string[];
  @ApiProperty({ description: 'false for a type that only runs as another case\'s child (listed for its labels)' }) startable!: boolean;
  @ApiProperty({ ...JSON_OBJECT, description: 'JSON Schema of the start input' }) inputSchema!: Record<string, unknown>;
  @ApiProperty({ type: ProcessTypeLabelsDto }) labels!: ProcessTypeLabelsDto;
}


/** 201: the new process, running; a start retried with the same Idempotency-Key answers the earlier process and its current status. */
export class StartedProcessDto {
  @ApiProperty() processId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ enum: PROCESS_STATUSES, enumName: 'ProcessStatus' }) status!: ProcessStatus;
}

export class ProcessSummaryDto {
  @ApiProperty() processId!: string;
  @ApiProperty() type!: string;
  @ApiPropertyOptional() policy?: string;
  @ApiProperty({ description: 'a one-line case title for lists' }) title!: string;
  @ApiProperty({ enum: PROCESS_STATUSES, enumName: 'ProcessStatus' }) status!: ProcessStatus;
  @ApiPropertyOptional() outcome?: string;
  @ApiProperty() businessStatus!: string;
  @ApiProperty() startedBy!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) closedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) dueAt?: string;
  @ApiProperty() dueProvisional!: boolean;
  @ApiProperty() slaBreached!: boolean;
  @ApiPropertyOptional() parentId?: string;
}

export class ProcessPage extends PageOf(ProcessSummaryDto) {}

export class ProcessLinksDto {
  @ApiProperty({ description: "the case's workflow in the Temporal Web UI" }) temporalUi!: string;
}

export class ProcessDetailDto extends ProcessSummaryDto {
  @ApiProperty({ ...JSON_OBJECT, description: 'the start input' }) input!: Record<string, unknown>;
  @ApiProperty({ ...JSON_OBJECT, description: 'the start input and what the process added' }) data!: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'process ids of the child processes' }) children!: string[];
  @ApiProperty({ type: [TaskDto], description: "open tasks, the child processes' included" }) openTasks!: TaskDto[];
  @ApiProperty({ type: ProcessLinksDto }) links!: ProcessLinksDto;
}

export class TimelineEventDto {
  @ApiProperty({ description: 'from 1, in time order' }) seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    description:
      'started, status, task-created, claimed, released, completed, decision-refused, escalation, deadline-passed, timer-fired, effect, child-started, child-completed, ended',
  })
  kind!: string;
  @ApiPropertyOptional() step?: string;
  @ApiPropertyOptional() actor?: string;
  @ApiPropertyOptional() decision?: string;
  @ApiPropertyOptional() comment?: string;
  @ApiPropertyOptional(JSON_OBJECT) detail?: Record<string, unknown>;
}

export class HistoryDto {
  @ApiProperty() processId!: string;
  @ApiProperty({ type: [TimelineEventDto] }) events!: TimelineEventDto[];
}

/** `?format=temporal`: the raw event history as the Temporal SDK exports it (`historyToJSON`). */
export class TemporalHistoryDto {
  @ApiProperty({ type: 'array', items: JSON_OBJECT }) events!: Record<string, unknown>[];
}

export class ReplayResultDto {
  @ApiProperty() processId!: string;
  @ApiProperty() deterministic!: boolean;
  @ApiProperty() eventsReplayed!: number;
  @ApiPropertyOptional({ description: 'why the replay failed' }) error?: string;
  @ApiProperty({ format: 'date-time' }) replayedAt!: string;
}

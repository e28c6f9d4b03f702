import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { TaskStatus } from '../../../../libs/persistence/entities/task.entity';
import { JSON_OBJECT } from '../common/json-object';
import { PageOf, PageQuery } from '../common/page.dto';

export class TaskListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'handled', 'all'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'handled', 'all'])
  view: 'pending' | 'handled' | 'all' = 'pending';

  @ApiPropertyOptional({ description: 'process type' })
  @IsOptional()
  @IsString()
  type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  processId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

export class CompleteTaskDto {
  @ApiProperty({ description: "one of the task's decisions" })
  @IsString()
  @IsNotEmpty()
  decision!: string;

  @ApiPropertyOptional({ description: 'the reason; required for reject and return' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ ...JSON_OBJECT, description: "the step's form, valid against the task's formSchema" })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

const TASK_STATUSES: TaskStatus[] = ['open', 'claimed', 'completed', 'cancelled'];

/** API.md's Task with this project's additions (README, "Additions to the API contract"); built by toTaskView. */
export class TaskDto {
  @ApiProperty({ example: 'objection-…:accept:1', description: '`process:step:round`' }) taskId!: string;
  @ApiProperty() processId!: string;
  @ApiProperty({ description: 'the top case of a child process (the process itself when it has no parent)' }) rootProcessId!: string;
  @ApiProperty() processType!: string;
  @ApiProperty() step!: string;
  @ApiProperty({ description: 'the how-many-th time this step runs in the case' }) round!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String], description: 'role codes, `dept_head@it` where scoped' }) candidateRoles!: string[];
  @ApiProperty({ type: [String], description: 'when not empty, only these users may take the task' }) candidateUsers!: string[];
  @ApiPropertyOptional() assignee?: string;
  @ApiProperty({ enum: TASK_STATUSES, enumName: 'TaskStatus' }) status!: TaskStatus;
  @ApiProperty({ type: [String] }) decisions!: string[];
  @ApiProperty({ type: [String], description: 'the decisions that need a reason (comment)' }) reasonRequired!: string[];
  @ApiProperty({ ...JSON_OBJECT, description: "the step's form as JSON Schema; prefilled values are the properties' defaults" }) formSchema!: Record<string, unknown>;
  @ApiProperty({ ...JSON_OBJECT, description: 'values the process filled in for this step' }) prefill!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) dueAt?: string;
  @ApiProperty({ description: 'the due time may still move (a working-day calendar not yet known)' }) dueProvisional!: boolean;
  @ApiProperty({ description: 'a hard deadline: past it the process takes its deadline branch' }) expires!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) escalatedAt?: string;
  @ApiPropertyOptional() completedBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional() decision?: string;
  @ApiPropertyOptional() comment?: string;
  @ApiPropertyOptional({ ...JSON_OBJECT, description: 'the form data submitted with the decision' }) data?: Record<string, unknown>;
}

export class TaskPage extends PageOf(TaskDto) {}

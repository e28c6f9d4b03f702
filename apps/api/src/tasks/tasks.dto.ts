import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page.dto';

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

  @ApiPropertyOptional({ description: "the step's form, valid against the task's formSchema" })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

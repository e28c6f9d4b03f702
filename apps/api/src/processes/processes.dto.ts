import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page.dto';

export class StartProcessDto {
  @ApiProperty({ example: 'objection' })
  @IsString()
  @IsNotEmpty()
  type!: string;

  @ApiPropertyOptional({ example: 'center' })
  @IsOptional()
  @IsString()
  policy?: string;

  @ApiProperty({ description: "valid against the type's inputSchema (GET /api/process-types)" })
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

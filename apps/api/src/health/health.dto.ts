import { ApiProperty } from '@nestjs/swagger';
import { ApiErrorBody } from '../common/api-error.dto';

const UP_DOWN = ['up', 'down'] as const;
type UpDown = (typeof UP_DOWN)[number];

export class HealthResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ enum: UP_DOWN }) database!: UpDown;
  @ApiProperty({ enum: UP_DOWN }) temporal!: UpDown;
}

/** 503: the error body (`UNAVAILABLE`) with which of the two is down. */
export class HealthDownResponse extends ApiErrorBody {
  @ApiProperty({ enum: ['error'] }) status!: 'error';
  @ApiProperty({ enum: UP_DOWN }) database!: UpDown;
  @ApiProperty({ enum: UP_DOWN }) temporal!: UpDown;
}

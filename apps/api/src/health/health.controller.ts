import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { ApiErrorCode } from '../common/api-exception';
import { Public } from '../common/current-user';
import { TemporalService } from '../temporal/temporal.service';
import { HealthDownResponse, HealthResponse } from './health.dto';

/** API.md's health body, computed by terminus indicators: 200 when both are up, else 503. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly temporal: TemporalService,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthDownResponse, description: '`UNAVAILABLE`: the database or Temporal is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse | HealthDownResponse> {
    const result = await this.health
      .check([
        () => this.db.pingCheck('database', { timeout: 3000 }),
        async () => {
          const indicator = this.indicators.check('temporal');
          return (await this.temporal.isUp()) ? indicator.up() : indicator.down();
        },
      ])
      .catch((error: { response?: { details?: Record<string, { status: string }> } }) => ({ status: 'error', details: error.response?.details ?? {} }));
    const database = result.details?.database?.status === 'up' ? 'up' : 'down';
    const temporal = result.details?.temporal?.status === 'up' ? 'up' : 'down';
    const ok = database === 'up' && temporal === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return ok
      ? { status: 'ok', database, temporal }
      : { statusCode: 503, code: ApiErrorCode.UNAVAILABLE, message: 'a backing service is down', status: 'error', database, temporal };
  }
}

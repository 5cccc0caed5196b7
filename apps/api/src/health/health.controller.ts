import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthResponse } from '@sendas/contracts';
import { Public } from '../common/decorators/public.decorator';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'Database reachable; mail status reported' })
  @ApiServiceUnavailableResponse({ description: 'Database unreachable' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const health = await this.health.check();
    if (health.database.status === 'down') response.status(503);
    return health;
  }
}

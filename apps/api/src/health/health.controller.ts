import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { HealthResponse } from '@sendas/contracts';
import { ApiContractResponse, Public } from '../common';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Is the service up: database reachable, mail status (no sign-in needed)' })
  @ApiContractResponse('HealthResponse', { description: 'Database reachable; mail status reported' })
  @ApiContractResponse('HealthResponse', { status: HttpStatus.SERVICE_UNAVAILABLE, description: 'Database unreachable' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const health = await this.health.check();
    if (health.database.status === 'down') void reply.status(503);
    return health;
  }
}

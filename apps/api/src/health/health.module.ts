import { Module } from '@nestjs/common';
import { EmailModule } from '../email';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** Health reads the database itself and the system mail route through MailHealth, which the email module exports. */
@Module({ imports: [EmailModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}

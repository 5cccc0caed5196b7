import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { OrganisationSettingsRow } from './organisation-settings.entity';
import { OrganisationController } from './organisation.controller';
import { OrganisationSettings } from './organisation.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganisationSettingsRow]), AuditModule],
  controllers: [OrganisationController],
  providers: [OrganisationSettings],
  exports: [OrganisationSettings],
})
export class OrganisationModule {}

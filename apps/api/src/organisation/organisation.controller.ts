import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type OrganisationSettingsDto } from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, Auth, type AuthUser, CurrentUser } from '../common';
import { UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationSettings } from './organisation.service';

@ApiTags('organisation')
@Controller('organisation')
export class OrganisationController {
  constructor(private readonly settings: OrganisationSettings) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: "The organisation's settings: the time zone new users start in, the working week" })
  @ApiContractResponse('OrganisationSettingsDto')
  get(): Promise<OrganisationSettingsDto> {
    return this.settings.get();
  }

  @Put()
  @Auth('superuser')
  @ApiOperation({ summary: "Change the organisation's settings (users keep their own time zone; new users start in this one)" })
  @ApiContractResponse('OrganisationSettingsDto')
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  update(@Body() dto: UpdateOrganisationDto, @CurrentUser() actor: AuthUser): Promise<OrganisationSettingsDto> {
    return this.settings.update(dto, actor);
  }
}

import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CompanyDetailDto, CompanyDto, ContactDto, Page } from '@sendas/contracts';
import { Auth } from '../../common/decorators/auth.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { User } from '../../users/user.entity';
import { CompanyListQueryDto, CreateCompanyDto, CreateContactDto, UpdateCompanyDto, UpdateContactDto } from './company.dto';
import { CompaniesService } from './companies.service';

const EDITORS = ['superuser', 'admin', 'sales'] as const;

@ApiTags('companies')
@Controller()
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get('companies')
  @Auth()
  @ApiOkResponse({ description: '{items, total, page, pageSize}; q searches the name; sales see the companies they manage; archived ones only with archived=true' })
  list(@Query() query: CompanyListQueryDto, @CurrentUser() actor: User): Promise<Page<CompanyDto>> {
    return this.companies.list(actor, query);
  }

  @Post('companies')
  @Auth(...EDITORS)
  @ApiCreatedResponse({ description: 'The company with its (empty) contact list' })
  create(@Body() dto: CreateCompanyDto, @CurrentUser() actor: User): Promise<CompanyDetailDto> {
    return this.companies.create(dto, actor);
  }

  @Get('companies/:id')
  @Auth()
  @ApiOkResponse({ description: 'The company with its contacts, primary and billing first' })
  @ApiNotFoundResponse({ description: 'COMPANY_NOT_FOUND' })
  detail(@Param('id', ParseIdPipe) id: string, @CurrentUser() actor: User): Promise<CompanyDetailDto> {
    return this.companies.detail(id, actor);
  }

  @Patch('companies/:id')
  @Auth(...EDITORS)
  @ApiOkResponse({ description: 'The company as changed, with its contacts' })
  @ApiNotFoundResponse({ description: 'COMPANY_NOT_FOUND' })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateCompanyDto, @CurrentUser() actor: User): Promise<CompanyDetailDto> {
    return this.companies.update(id, dto, actor);
  }

  @Post('companies/:id/contacts')
  @Auth(...EDITORS)
  @ApiNotFoundResponse({ description: 'COMPANY_NOT_FOUND' })
  addContact(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateContactDto, @CurrentUser() actor: User): Promise<ContactDto> {
    return this.companies.addContact(id, dto, actor);
  }

  @Patch('contacts/:id')
  @Auth(...EDITORS)
  @ApiNotFoundResponse({ description: 'CONTACT_NOT_FOUND' })
  updateContact(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateContactDto, @CurrentUser() actor: User): Promise<ContactDto> {
    return this.companies.updateContact(id, dto, actor);
  }
}

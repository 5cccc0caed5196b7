import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CompanyDetailDto, type CompanyPage, type ContactDto, ErrorCode } from '@sendas/contracts';
import { ApiContractResponse, ApiErrors, Auth, type AuthUser, CurrentUser, ParseIdPipe } from '../../common';
import { CompanyListQueryDto, CreateCompanyDto, CreateContactDto, UpdateCompanyDto, UpdateContactDto } from './company.dto';
import { CompaniesService } from './companies.service';

const EDITORS = ['superuser', 'admin', 'sales'] as const;

@ApiTags('documents')
@Controller()
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get('companies')
  @Auth()
  @ApiOperation({ summary: 'Customers, one page: q searches the name; sales see the companies they manage; archived ones only with archived=true' })
  @ApiContractResponse('CompanyPage')
  list(@Query() query: CompanyListQueryDto, @CurrentUser() actor: AuthUser): Promise<CompanyPage> {
    return this.companies.list(actor, query);
  }

  @Post('companies')
  @Auth(...EDITORS)
  @ApiOperation({ summary: 'Create a customer (sales become its account manager)' })
  @ApiContractResponse('CompanyDetailDto', { status: HttpStatus.CREATED, description: 'The company with its (empty) contact list' })
  create(@Body() dto: CreateCompanyDto, @CurrentUser() actor: AuthUser): Promise<CompanyDetailDto> {
    return this.companies.create(dto, actor);
  }

  @Get('companies/:id')
  @Auth()
  @ApiOperation({ summary: 'A customer with its contacts, primary and billing first' })
  @ApiContractResponse('CompanyDetailDto')
  @ApiErrors(ErrorCode.COMPANY_NOT_FOUND)
  detail(@Param('id', ParseIdPipe) id: string, @CurrentUser() actor: AuthUser): Promise<CompanyDetailDto> {
    return this.companies.detail(id, actor);
  }

  @Patch('companies/:id')
  @Auth(...EDITORS)
  @ApiOperation({ summary: 'Rename, re-address, hand over or archive a customer' })
  @ApiContractResponse('CompanyDetailDto', { description: 'The company as changed, with its contacts' })
  @ApiErrors(ErrorCode.COMPANY_NOT_FOUND)
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateCompanyDto, @CurrentUser() actor: AuthUser): Promise<CompanyDetailDto> {
    return this.companies.update(id, dto, actor);
  }

  @Post('companies/:id/contacts')
  @Auth(...EDITORS)
  @ApiOperation({ summary: 'Add a contact to a customer (at most one primary)' })
  @ApiContractResponse('ContactDto', { status: HttpStatus.CREATED })
  @ApiErrors(ErrorCode.COMPANY_NOT_FOUND, ErrorCode.COMPANY_ARCHIVED)
  addContact(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateContactDto, @CurrentUser() actor: AuthUser): Promise<ContactDto> {
    return this.companies.addContact(id, dto, actor);
  }

  @Patch('contacts/:id')
  @Auth(...EDITORS)
  @ApiOperation({ summary: 'Change or deactivate a contact' })
  @ApiContractResponse('ContactDto')
  @ApiErrors(ErrorCode.CONTACT_NOT_FOUND)
  updateContact(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateContactDto, @CurrentUser() actor: AuthUser): Promise<ContactDto> {
    return this.companies.updateContact(id, dto, actor);
  }
}

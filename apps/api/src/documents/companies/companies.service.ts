import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Raw, type Repository } from 'typeorm';
import { type CompanyDetailDto, type CompanyDto, type ContactDto, ErrorCode, type Page } from '@sendas/contracts';
import { AppException, type AuthUser, ConflictError, escapeLike, NotFoundError } from '../../common';
import { preparedStatement, PreparedStatements } from '../../database';
import { UsersService } from '../../users';
import { DocumentAccessPolicy } from '../document-access.policy';
import { Company } from './company.entity';
import type { CompanyListQueryDto, CreateCompanyDto, CreateContactDto, UpdateCompanyDto, UpdateContactDto } from './company.dto';
import { Contact } from './contact.entity';

export function toContactDto(contact: Contact): ContactDto {
  return {
    id: contact.id,
    companyId: contact.companyId,
    name: contact.name,
    greetingName: contact.greetingName,
    email: contact.email,
    title: contact.title,
    language: contact.language,
    isPrimary: contact.isPrimary,
    isBilling: contact.isBilling,
    active: contact.active,
  };
}

export function toCompanyDto(company: Company): CompanyDto {
  return {
    id: company.id,
    name: company.name,
    billingAddress: company.billingAddress,
    country: company.country,
    accountManager: company.accountManager ? { id: company.accountManager.id, name: company.accountManager.name } : null,
    archived: company.archivedAt !== null,
    createdAt: company.createdAt.toISOString(),
    updatedAt: company.updatedAt.toISOString(),
  };
}

const byRole = (a: Contact, b: Contact) =>
  Number(b.isPrimary) - Number(a.isPrimary) || Number(b.isBilling) - Number(a.isBilling) || a.name.localeCompare(b.name);

/** A company loaded with its account manager and contacts; primary and billing contacts first. */
export function toCompanyDetailDto(company: Company): CompanyDetailDto {
  return { ...toCompanyDto(company), contacts: (company.contacts ?? []).sort(byRole).map(toContactDto) };
}

/** What a company's documents are found by: their number and the company's name. */
const RENAME_IN_DOCUMENTS = preparedStatement(
  'company_rename_in_documents',
  `UPDATE "documents" SET "search_text" = lower("number") || ' ' || $2 WHERE "company_id" = $1`,
);

const LOCK_COMPANY = preparedStatement('company_lock', `SELECT 1 FROM "companies" WHERE "id" = $1 FOR UPDATE`);

const DEMOTE_PRIMARY = preparedStatement(
  'contact_demote_primary',
  `UPDATE "contacts" SET "is_primary" = false WHERE "company_id" = $1 AND "is_primary" AND "id" IS DISTINCT FROM $2::uuid`,
);

/** Customers and their contacts, under the documents' access policy (sales: the companies they manage). */
@Injectable()
export class CompaniesService {
  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    @InjectRepository(Contact) private readonly contacts: Repository<Contact>,
    private readonly statements: PreparedStatements,
    private readonly users: UsersService,
    private readonly policy: DocumentAccessPolicy,
  ) {}

  async list(actor: AuthUser, { page, pageSize, q, sort, mine, archived }: CompanyListQueryDto): Promise<Page<CompanyDto>> {
    const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
    const pattern = q ? `%${escapeLike(q.trim().toLowerCase())}%` : null;
    // a salesperson sees only their own companies, mine or not
    const accountManagerId = this.policy.companyListScope(actor) ?? (mine ? actor.id : null);
    const [rows, total] = await this.companies.findAndCount({
      where: {
        archivedAt: archived ? Not(IsNull()) : IsNull(),
        ...(accountManagerId ? { accountManagerId } : {}),
        ...(pattern ? { name: Raw((name) => `lower(${name}) LIKE :pattern`, { pattern }) } : {}),
      },
      relations: { accountManager: true },
      order: sort.endsWith('name') ? { name: direction, id: 'ASC' } : { updatedAt: direction, id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toCompanyDto), total, page, pageSize };
  }

  /** A company the actor may not see is answered like one that does not exist. */
  async detail(id: string, actor: AuthUser): Promise<CompanyDetailDto> {
    const company = await this.companies.findOne({ where: { id }, relations: { accountManager: true, contacts: true } });
    if (!company || this.policy.companyAccess(actor, company.accountManagerId) === 'none') throw this.companyNotFound(id);
    return toCompanyDetailDto(company);
  }

  async create(dto: CreateCompanyDto, actor: AuthUser): Promise<CompanyDetailDto> {
    const accountManagerId = dto.accountManagerId ?? (actor.role === 'sales' ? actor.id : null);
    await this.assertMayAssign(actor, accountManagerId);
    const saved = await this.companies.save(
      this.companies.create({ name: dto.name, billingAddress: dto.billingAddress ?? '', country: dto.country, accountManagerId }),
    );
    return this.detail(saved.id, actor);
  }

  /**
   * Renaming also renames what the company's documents are found by (their PDFs follow on their own: the PDF cache
   * keys on content). Archiving takes it out of the lists and stops new documents; restoring brings it back.
   */
  async update(id: string, dto: UpdateCompanyDto, actor: AuthUser): Promise<CompanyDetailDto> {
    const company = await this.companies.findOneBy({ id });
    if (!company || !this.mayChange(actor, company)) throw this.companyNotFound(id);
    if (dto.accountManagerId !== undefined && dto.accountManagerId !== company.accountManagerId) {
      await this.assertMayAssign(actor, dto.accountManagerId);
    }
    await this.companies.manager.transaction(async (manager) => {
      const { archived, ...fields } = dto;
      Object.assign(company, fields);
      if (archived !== undefined) company.archivedAt = archived ? (company.archivedAt ?? new Date()) : null;
      await manager.save(company);
      if (dto.name !== undefined) {
        await this.statements.run(RENAME_IN_DOCUMENTS, [id, company.name.toLowerCase()], manager);
      }
    });
    return this.detail(id, actor);
  }

  async addContact(companyId: string, dto: CreateContactDto, actor: AuthUser): Promise<ContactDto> {
    const company = await this.companies.findOneBy({ id: companyId });
    if (!company || !this.mayChange(actor, company)) throw this.companyNotFound(companyId);
    if (company.archivedAt) throw new ConflictError(ErrorCode.COMPANY_ARCHIVED, `${company.name} is archived: restore it before adding contacts to it.`);
    const contact = this.contacts.create({ ...dto, email: dto.email.toLowerCase(), title: dto.title ?? '', greetingName: dto.greetingName ?? '', companyId });
    return toContactDto(await this.saveContact(contact));
  }

  async updateContact(id: string, dto: UpdateContactDto, actor: AuthUser): Promise<ContactDto> {
    const contact = await this.contacts.findOne({ where: { id }, relations: { company: true } });
    if (!contact || !this.mayChange(actor, contact.company!)) throw new NotFoundError(ErrorCode.CONTACT_NOT_FOUND, `No contact with id ${id}.`);
    Object.assign(contact, dto, dto.email ? { email: dto.email.toLowerCase() } : {});
    return toContactDto(await this.saveContact(contact));
  }

  /**
   * A new primary contact takes over from the company's previous one, in the same transaction. The company's row is
   * locked first, so two primaries saved at once take over one after the other instead of colliding on the
   * one-primary index.
   */
  private saveContact(contact: Contact): Promise<Contact> {
    return this.contacts.manager.transaction(async (manager) => {
      if (contact.isPrimary && contact.active !== false) {
        await this.statements.run(LOCK_COMPANY, [contact.companyId], manager);
        await this.statements.run(DEMOTE_PRIMARY, [contact.companyId, contact.id ?? null], manager);
      }
      return manager.save(contact);
    });
  }

  /** Who may manage a company: sales only themselves; anyone named must be an active user. */
  private async assertMayAssign(actor: AuthUser, accountManagerId: string | null): Promise<void> {
    if (this.policy.companyAccess(actor, accountManagerId) !== 'write') {
      throw new AppException(ErrorCode.FORBIDDEN_ROLE, "Sales can only be their own companies' account manager.");
    }
    if (accountManagerId && !(await this.users.isActive(accountManagerId))) {
      throw new AppException(ErrorCode.USER_NOT_FOUND, `No active user with id ${accountManagerId}.`);
    }
  }

  /** Roles that may not edit at all are stopped by the controller; here: which companies. */
  private mayChange(actor: AuthUser, company: Company): boolean {
    return this.policy.companyAccess(actor, company.accountManagerId) === 'write';
  }

  private companyNotFound(id: string): NotFoundError {
    return new NotFoundError(ErrorCode.COMPANY_NOT_FOUND, `No company with id ${id}.`);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { ContactLanguage, DocumentStatus, DocumentType } from '@sendas/contracts';
import { User } from '../users';
import { CompaniesService, Company, DocumentsService } from '../documents';

interface DemoCompany {
  name: string;
  country: string;
  billingAddress: string;
  manager: string;
  contacts: Array<{ name: string; greetingName: string; language?: ContactLanguage; email: string; title: string; isPrimary?: boolean; isBilling?: boolean }>;
}

const COMPANIES: DemoCompany[] = [
  {
    name: 'Siam Riverside Hotel',
    country: 'TH',
    billingAddress: '88 Charoen Krung Road\nBang Rak, Bangkok 10500',
    manager: 'pom@bmasiamusic.com',
    contacts: [
      { name: 'Somchai Jaidee', greetingName: 'Khun Somchai', email: 'somchai@siamriverside.example', title: 'General Manager', isPrimary: true },
      { name: 'Malee Srisuk', greetingName: 'Khun Malee', email: 'accounts@siamriverside.example', title: 'Accounts Payable', isBilling: true },
    ],
  },
  {
    name: 'โรงแรมเชียงใหม่ การ์เด้น',
    country: 'TH',
    billingAddress: '12 ถนนนิมมานเหมินท์\nเชียงใหม่ 50200',
    manager: 'pom@bmasiamusic.com',
    contacts: [
      { name: 'นภา วงศ์ใหญ่', greetingName: 'คุณนภา', language: 'th', email: 'napa@chiangmaigarden.example', title: 'Owner', isPrimary: true, isBilling: true },
    ],
  },
  {
    name: 'Café Zürich Asia Pte. Ltd.',
    country: 'SG',
    billingAddress: '10 Marina Boulevard #12-01\nSingapore 018983',
    manager: 'keith@bmasiamusic.com',
    contacts: [
      { name: 'Léa Müller', greetingName: 'Léa', email: 'lea.mueller@cafezurich.example', title: 'Operations Director', isPrimary: true },
      { name: 'Tan Wei Ming', greetingName: 'Wei Ming', email: 'finance@cafezurich.example', title: 'Finance', isBilling: true },
    ],
  },
  {
    name: 'Harbour Fitness Ltd',
    country: 'HK',
    billingAddress: '1 Harbour Road\nWan Chai, Hong Kong',
    manager: 'keith@bmasiamusic.com',
    contacts: [{ name: 'Grace Chan', greetingName: 'Grace', email: 'grace@harbourfitness.example', title: 'Studio Manager', isPrimary: true }],
  },
];

const LICENCE = { description: 'Background music licence, 12 months, per zone', quantity: 3, unitPrice: '4500.00', taxRate: 7 };
const SETUP = { description: 'Player set-up and playlist curation', quantity: 1, unitPrice: '2500.00', taxRate: 7 };

/** Demo customers with primary and billing contacts, and documents owned by Pom and Keith. Runs once. */
@Injectable()
export class DemoDocumentsSeed {
  private readonly logger = new Logger(DemoDocumentsSeed.name);

  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly companiesService: CompaniesService,
    private readonly documents: DocumentsService,
  ) {}

  async run(): Promise<void> {
    if (await this.companies.existsBy({ name: COMPANIES[0].name })) return;
    const team = await this.users.findBy({ email: In(['pom@bmasiamusic.com', 'keith@bmasiamusic.com']) });
    const byEmail = new Map(team.map((user) => [user.email, user]));
    if (byEmail.size < 2) return;

    for (const [index, demo] of COMPANIES.entries()) {
      const owner = byEmail.get(demo.manager)!;
      const company = await this.companiesService.create(
        { name: demo.name, country: demo.country, billingAddress: demo.billingAddress, accountManagerId: owner.id },
        owner,
      );
      for (const contact of demo.contacts) await this.companiesService.addContact(company.id, contact, owner);

      const currency = demo.country === 'TH' ? 'THB' : demo.country === 'SG' ? 'SGD' : 'HKD';
      const plan: Array<[DocumentType, DocumentStatus[]]> = [
        ['quote', index % 2 ? ['sent'] : []],
        ['quote', []],
        ['contract', index % 2 ? [] : ['sent', 'signed']],
        ['invoice', index % 2 ? ['sent'] : []],
      ];
      for (const [type, statuses] of plan) {
        const created = await this.documents.create(type, { companyId: company.id, currency, lines: type === 'invoice' ? [LICENCE] : [LICENCE, SETUP] }, owner);
        for (const status of statuses) await this.documents.update(type, created.id, { status }, owner);
      }
    }
    this.logger.log(`Seeded ${COMPANIES.length} demo companies with quotes, contracts and invoices`);
  }
}

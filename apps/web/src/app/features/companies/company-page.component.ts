import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { firstValueFrom, forkJoin } from 'rxjs';
import {
  type CompanyDetailDto,
  CONTACT_LANGUAGES,
  type ContactDto,
  type ContactLanguage,
  DOCUMENT_LABELS,
  DOCUMENT_PATHS,
  DOCUMENT_TYPES,
  type DocumentSummaryDto,
  type DocumentType,
  mayCreateDocument,
  type UserDirectoryEntry,
} from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { CompaniesApi } from '../../core/api/companies-api';
import { DocumentsApi } from '../../core/api/documents-api';
import { UsersApi } from '../../core/api/users-api';
import { AuthService } from '../../core/auth.service';
import type { HasUnsavedChanges } from '../../core/unsaved-changes.guard';
import { ConfirmDialogComponent } from '../../shared/confirm-dialog.component';
import { applyServerErrors } from '../../shared/server-errors';
import { StatusChipComponent } from '../../shared/status-chip.component';

const LANGUAGE_NAMES: Record<ContactLanguage, string> = { en: 'English', th: 'Thai' };

/** One company: its details (edit, hand over, archive), its contacts, and its documents. */
@Component({
  selector: 'app-company-page',
  imports: [
    DatePipe,
    DecimalPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    StatusChipComponent,
  ],
  templateUrl: './company-page.component.html',
  styleUrl: './company-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompanyPageComponent implements HasUnsavedChanges {
  private readonly companies = inject(CompaniesApi);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly usersApi = inject(UsersApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly id = input.required<string>();
  /** The company and its latest documents of each type, loaded again when the route's id changes (a late answer for another id is dropped). */
  private readonly page = rxResource({
    params: () => this.id(),
    stream: ({ params: id }) =>
      forkJoin({
        company: this.companies.get(id),
        pages: forkJoin(DOCUMENT_TYPES.map((type) => this.documentsApi.list(type, { companyId: id, pageSize: 10, sort: '-date', page: 1 }))),
      }),
  });
  /** Saving the details answers with the company: it replaces what was loaded until the next load. */
  readonly company = linkedSignal<CompanyDetailDto | null>(() => (this.page.hasValue() ? this.page.value().company : null));
  readonly documents = computed<Array<{ type: DocumentType; items: DocumentSummaryDto[]; total: number }>>(() => {
    const pages = this.page.hasValue() ? this.page.value().pages : [];
    return pages.map(({ items, total }, index) => ({ type: DOCUMENT_TYPES[index], items, total }));
  });
  readonly error = computed(() => (this.page.status() === 'error' ? toApiError(this.page.error()).message : null));
  readonly isAdmin = this.auth.isAdmin;
  readonly canEdit = computed(() => {
    const company = this.company();
    const user = this.auth.user();
    return !!company && !!user && (this.isAdmin() || (user.role === 'sales' && company.accountManager?.id === user.id));
  });
  readonly canCreate = (type: DocumentType) => {
    const role = this.auth.user()?.role;
    return role !== undefined && mayCreateDocument(role, type);
  };
  readonly people = signal<UserDirectoryEntry[]>([]);
  readonly languages = CONTACT_LANGUAGES;
  readonly languageNames = LANGUAGE_NAMES;
  readonly labels = DOCUMENT_LABELS;
  readonly documentTypes = DOCUMENT_TYPES;
  readonly paths = DOCUMENT_PATHS;

  readonly editingDetails = signal(false);
  readonly details = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    country: ['', [Validators.required, Validators.pattern(/^[A-Za-z]{2}$/)]],
    billingAddress: [''],
    accountManagerId: ['' as string],
  });
  readonly detailsError = signal<string | null>(null);

  /** The contact being edited ('new' for the add form), one at a time. */
  readonly editingContact = signal<string | null>(null);
  readonly contact = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    greetingName: ['', Validators.maxLength(120)],
    email: ['', [Validators.required, Validators.email]],
    title: [''],
    language: ['en' as ContactLanguage],
    isPrimary: [false],
    isBilling: [false],
  });
  readonly contactError = signal<string | null>(null);

  constructor() {
    effect(() => {
      if (this.isAdmin()) this.usersApi.directory().subscribe({ next: (people) => this.people.set(people), error: () => undefined });
    });
  }

  /** The company's details or a contact are open with changes that were not saved. */
  hasUnsavedChanges(): boolean {
    return (this.editingDetails() && this.details.dirty) || (this.editingContact() !== null && this.contact.dirty);
  }

  editDetails(company: CompanyDetailDto): void {
    this.details.reset({
      name: company.name,
      country: company.country,
      billingAddress: company.billingAddress,
      accountManagerId: company.accountManager?.id ?? '',
    });
    this.detailsError.set(null);
    this.editingDetails.set(true);
  }

  async saveDetails(company: CompanyDetailDto): Promise<void> {
    this.details.markAllAsTouched();
    if (this.details.invalid) return;
    const { accountManagerId, country, ...fields } = this.details.getRawValue();
    try {
      const changes = { ...fields, country: country.toUpperCase(), ...(this.isAdmin() ? { accountManagerId: accountManagerId || null } : {}) };
      this.company.set(await firstValueFrom(this.companies.update(company.id, changes)));
      this.editingDetails.set(false);
      this.snackBar.open('Company saved.', 'OK', { duration: 3000 });
    } catch (error) {
      this.detailsError.set(applyServerErrors(this.details, error));
    }
  }

  setArchived(company: CompanyDetailDto, archived: boolean): void {
    ConfirmDialogComponent.ask(this.dialog, {
      title: archived ? `Archive ${company.name}?` : `Restore ${company.name}?`,
      message: archived
        ? 'It leaves the company lists and takes no new documents. Its documents and contacts stay, and you can restore it any time.'
        : 'It comes back to the company lists and takes new documents again.',
      confirm: archived ? 'Archive' : 'Restore',
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      try {
        this.company.set(await firstValueFrom(this.companies.update(company.id, { archived })));
        this.snackBar.open(archived ? `${company.name} archived.` : `${company.name} restored.`, 'OK', { duration: 3000 });
      } catch (error) {
        this.snackBar.open(toApiError(error).message, 'OK', { duration: 6000 });
      }
    });
  }

  editContact(contact: ContactDto | null): void {
    this.contact.reset(
      contact
        ? {
            name: contact.name,
            greetingName: contact.greetingName,
            email: contact.email,
            title: contact.title,
            language: contact.language,
            isPrimary: contact.isPrimary,
            isBilling: contact.isBilling,
          }
        : {
            name: '',
            greetingName: '',
            email: '',
            title: '',
            language: 'en',
            isPrimary: !this.company()?.contacts.some((c) => c.isPrimary && c.active),
            isBilling: false,
          },
    );
    this.contactError.set(null);
    this.editingContact.set(contact?.id ?? 'new');
  }

  async saveContact(company: CompanyDetailDto): Promise<void> {
    this.contact.markAllAsTouched();
    if (this.contact.invalid) return;
    const editing = this.editingContact();
    try {
      const request = this.contact.getRawValue();
      await firstValueFrom(editing === 'new' ? this.companies.addContact(company.id, request) : this.companies.updateContact(editing!, request));
      this.editingContact.set(null);
      this.page.reload();
    } catch (error) {
      this.contactError.set(applyServerErrors(this.contact, error));
    }
  }

  setContactActive(company: CompanyDetailDto, contact: ContactDto, active: boolean): void {
    const change = () =>
      this.companies.updateContact(contact.id, { active }).subscribe({
        next: () => this.page.reload(),
        error: (error: unknown) => this.snackBar.open(toApiError(error).message, 'OK', { duration: 6000 }),
      });
    if (active) return void change();
    ConfirmDialogComponent.ask(this.dialog, {
      title: `Deactivate ${contact.name}?`,
      message: 'They are no longer offered as a recipient. Past emails keep their address; you can reactivate them.',
      confirm: 'Deactivate',
    }).subscribe((confirmed) => confirmed && change());
  }
}

import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type FormArray, type FormControl, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { debounceTime, firstValueFrom, startWith, switchMap } from 'rxjs';
import {
  type CompanyDto,
  type CreateDocumentRequest,
  DOCUMENT_DATE_FIELDS,
  DOCUMENT_LABELS,
  DOCUMENT_PATHS,
  type DocumentDetailDto,
  type DocumentType,
  type LineItemInput,
} from '@sendas/contracts';
import { currencyDecimals, isDecimal, priceLines } from '@sendas/contracts/money';
import { toApiError } from '../../core/api-error';
import { CompaniesApi } from '../../core/api/companies-api';
import { DocumentsApi } from '../../core/api/documents-api';
import type { HasUnsavedChanges } from '../../core/unsaved-changes.guard';
import { canonicalNumber } from '../../shared/locale-number';
import { applyServerErrors } from '../../shared/server-errors';

type LineForm = FormGroup<{
  description: FormControl<string>;
  quantity: FormControl<string>;
  unitPrice: FormControl<string>;
  discountPercent: FormControl<string>;
  taxRate: FormControl<string>;
}>;

const DEFAULT_TAX_RATE = '7';
/** A number as typed in the browser's locale ("3,200"), checked in the API's form with up to `scale` decimals. */
const amount = (scale: number) => (control: { value: string }) => (isDecimal(canonicalNumber(control.value), scale) ? null : { amount: true });

const NUMBER_FIELDS = ['quantity', 'unitPrice', 'discountPercent', 'taxRate'] as const;

/**
 * New and edit (drafts only) for quotes, contracts and invoices: company, dates, notes and line items. Totals are
 * computed live with the same priceLines() the server stores; the server's field errors land on their fields.
 */
@Component({
  selector: 'app-document-editor',
  imports: [
    DecimalPipe,
    ReactiveFormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  templateUrl: './document-editor.component.html',
  styleUrl: './document-editor.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentEditorComponent implements HasUnsavedChanges {
  private readonly documents = inject(DocumentsApi);
  private readonly companies = inject(CompaniesApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly type = input.required<DocumentType>();
  /** Set when editing an existing draft. */
  readonly id = input<string>();
  /** Preselects the company (New from a company page). */
  readonly companyId = input<string>();

  readonly label = computed(() => DOCUMENT_LABELS[this.type()]);
  readonly listLink = computed(() => ['/', DOCUMENT_PATHS[this.type()]]);
  readonly loading = signal(false);
  readonly saving = signal(false);
  readonly error = signal<string | null>(null);
  readonly editing = signal<DocumentDetailDto | null>(null);

  private readonly title = inject(Title);
  readonly form = this.fb.group({
    companyId: ['', Validators.required],
    currency: ['THB', [Validators.required, Validators.pattern(/^[A-Z]{3}$/)]],
    issueDate: [''],
    validUntil: [''],
    startDate: [''],
    endDate: [''],
    dueDate: [''],
    notes: ['', Validators.maxLength(5000)],
    lines: this.fb.array<LineForm>([]),
  });
  readonly companySearch = this.fb.control<string | CompanyDto>('');
  readonly companyOptions = toSignal(
    this.companySearch.valueChanges.pipe(
      startWith(''),
      debounceTime(200),
      switchMap((value) => this.companies.list({ q: typeof value === 'string' ? value : value.name, pageSize: 20 })),
    ),
  );
  private readonly value = toSignal(this.form.valueChanges.pipe(startWith(null)));
  /** Live totals of the lines that are complete; incomplete lines count once they are. */
  readonly totals = computed(() => {
    this.value();
    const lines = this.form.controls.lines.controls.filter((line) => line.valid).map((line) => lineInput(line));
    return priceLines(lines, this.form.controls.currency.value);
  });
  /** Lines typed into but left out of the totals until their fields are right (1-based), so none drops out unseen. */
  readonly unpriced = computed(() => {
    this.value();
    return this.form.controls.lines.controls.flatMap((line, index) => (line.valid || !line.dirty ? [] : [index + 1]));
  });
  /** The decimals of the chosen currency's amounts (none for JPY), for prices and totals. */
  priceDecimals(): number {
    return currencyDecimals(this.form.controls.currency.value);
  }

  /** DecimalPipe's digits for amounts in the chosen currency. */
  amountDigits(): string {
    const decimals = this.priceDecimals();
    return `1.${decimals}-${decimals}`;
  }
  private saved = false;

  constructor() {
    this.form.controls.currency.valueChanges.subscribe(() => {
      for (const line of this.lines.controls) line.controls.unitPrice.updateValueAndValidity({ emitEvent: false });
    });
    effect(() => {
      const id = this.id();
      if (id) void this.load(this.type(), id);
      else this.addLine();
    });
    effect(() => {
      const companyId = this.companyId();
      if (companyId && !this.id()) void this.preselectCompany(companyId);
    });
  }

  get lines(): FormArray<LineForm> {
    return this.form.controls.lines;
  }

  companyName = (company: CompanyDto | string | null): string => (typeof company === 'string' ? company : (company?.name ?? ''));

  pickCompany(company: CompanyDto): void {
    this.form.controls.companyId.setValue(company.id);
    this.form.markAsDirty();
  }

  addLine(line?: Partial<Record<keyof LineForm['controls'], string>>): void {
    this.lines.push(
      this.fb.group({
        description: [line?.description ?? '', [Validators.required, Validators.maxLength(500)]],
        quantity: [line?.quantity ?? '1', [Validators.required, amount(3)]],
        unitPrice: [line?.unitPrice ?? '', [Validators.required, (control: { value: string }) => amount(this.priceDecimals())(control)]],
        discountPercent: [line?.discountPercent ?? '0', [amount(2), Validators.min(0), Validators.max(100)]],
        taxRate: [line?.taxRate ?? DEFAULT_TAX_RATE, [Validators.required, amount(2), Validators.min(0), Validators.max(100)]],
      }),
    );
  }

  /** The line's amount as the server will store it, once the line is complete. */
  lineNet(line: LineForm): string | null {
    return line.valid ? priceLines([lineInput(line)], this.form.controls.currency.value).lines[0].netAmount : null;
  }

  /** On leaving a number field, shows what was typed in the form it is saved in ("3,200" → "3200"). */
  tidy(control: FormControl<string>): void {
    const canonical = canonicalNumber(control.value);
    if (canonical !== control.value && isDecimal(canonical, 3)) control.setValue(canonical);
  }

  removeLine(index: number): void {
    this.lines.removeAt(index);
    this.form.markAsDirty();
  }

  hasUnsavedChanges(): boolean {
    return this.form.dirty && !this.saved;
  }

  async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || !this.lines.length) {
      this.error.set(this.lines.length ? 'Some fields need attention: see the messages below them.' : 'Add at least one line item.');
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      const request = this.request();
      const id = this.id();
      const saved = await firstValueFrom(id ? this.documents.update(this.type(), id, request) : this.documents.create(this.type(), request));
      this.saved = true;
      await this.router.navigate(['/', DOCUMENT_PATHS[this.type()], saved.id]);
    } catch (error) {
      this.error.set(applyServerErrors(this.form, error));
    } finally {
      this.saving.set(false);
    }
  }

  /** What the form says, dates left out when empty (the server fills its defaults from the issue date). */
  private request(): CreateDocumentRequest {
    const { companyId, currency, notes, lines: _typed, ...dates } = this.form.getRawValue();
    const setDates = Object.fromEntries(Object.entries(dates).filter(([field, value]) => value && this.usesDate(field)));
    return { companyId, currency, notes, lines: this.form.controls.lines.controls.map((line) => lineInput(line)), ...setDates };
  }

  /** The issue date, and the dates of this document type (DOCUMENT_DATE_FIELDS). */
  usesDate(field: string): boolean {
    return field === 'issueDate' || (DOCUMENT_DATE_FIELDS[this.type()] as readonly string[]).includes(field);
  }

  private async load(type: DocumentType, id: string): Promise<void> {
    this.loading.set(true);
    try {
      const document = await firstValueFrom(this.documents.get(type, id));
      this.editing.set(document);
      this.title.setTitle(`Edit ${document.number} · ${document.company.name} · Sendas`);
      this.form.patchValue({
        companyId: document.company.id,
        currency: document.currency,
        issueDate: document.issueDate,
        validUntil: document.validUntil ?? '',
        startDate: document.startDate ?? '',
        endDate: document.endDate ?? '',
        dueDate: document.dueDate ?? '',
        notes: document.notes,
      });
      this.companySearch.setValue(document.company.name);
      this.lines.clear();
      for (const line of document.lines) this.addLine(line);
      if (document.status !== 'draft' || !document.canEdit) {
        this.form.disable();
        this.error.set(`Only a draft you may change can be edited; this ${type} is ${document.status}.`);
      }
      this.form.markAsPristine();
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  private async preselectCompany(companyId: string): Promise<void> {
    try {
      const company = await firstValueFrom(this.companies.get(companyId));
      this.form.controls.companyId.setValue(company.id);
      this.companySearch.setValue(company.name);
    } catch (error) {
      this.error.set(toApiError(error).message);
    }
  }
}

/** A line as the API takes it: its numbers in canonical form, whatever the locale they were typed in. */
function lineInput(line: LineForm): LineItemInput {
  const value = line.getRawValue();
  return { ...value, ...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, canonicalNumber(value[field])])) } as LineItemInput;
}

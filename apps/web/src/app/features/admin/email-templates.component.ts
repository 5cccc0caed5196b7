import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { catchError, debounceTime, EMPTY, firstValueFrom, merge, switchMap } from 'rxjs';
import {
  CONTACT_LANGUAGES,
  type ContactLanguage,
  DOCUMENT_LABELS,
  DOCUMENT_TYPES,
  type DocumentSummaryDto,
  type DocumentType,
  type EmailTemplateDto,
  type EmailTemplatePreview,
  TEMPLATE_VARIABLES,
} from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { DocumentsApi } from '../../core/api/documents-api';
import { EmailTemplatesApi } from '../../core/api/email-templates-api';
import type { HasUnsavedChanges } from '../../core/unsaved-changes.guard';
import { applyServerErrors } from '../../shared/server-errors';
import { LocalTimePipe } from '../../shared/local-time.pipe';

const LANGUAGE_NAMES: Record<ContactLanguage, string> = { en: 'English', th: 'Thai' };

/** Admin > Email templates: edit the wording per document type and language, previewed live on a real document. */
@Component({
  selector: 'app-email-templates',
  imports: [LocalTimePipe, ReactiveFormsModule, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  templateUrl: './email-templates.component.html',
  styleUrl: './email-templates.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmailTemplatesComponent implements HasUnsavedChanges {
  private readonly api = inject(EmailTemplatesApi);
  private readonly documents = inject(DocumentsApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly types = DOCUMENT_TYPES;
  readonly languages = CONTACT_LANGUAGES;
  readonly labels = DOCUMENT_LABELS;
  readonly languageNames = LANGUAGE_NAMES;
  readonly variables = Object.entries(TEMPLATE_VARIABLES);

  readonly templates = signal<EmailTemplateDto[]>([]);
  readonly selected = this.fb.group({ type: ['quote' as DocumentType], language: ['en' as ContactLanguage] });
  private readonly selection = toSignal(this.selected.valueChanges, { initialValue: this.selected.getRawValue() });
  readonly current = computed(() => {
    const { type, language } = { ...this.selected.getRawValue(), ...this.selection() };
    return this.templates().find((template) => template.documentType === type && template.language === language) ?? null;
  });
  readonly form = this.fb.group({ subject: ['', [Validators.required, Validators.maxLength(300)]], body: ['', Validators.required] });
  /** Recent documents of the template's type to preview with (null: still loading). */
  readonly sampleDocuments = signal<DocumentSummaryDto[] | null>(null);
  readonly sample = this.fb.control('');
  readonly preview = signal<EmailTemplatePreview | null>(null);
  readonly previewError = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly saving = signal(false);

  constructor() {
    void this.load();
    effect(() => {
      const template = this.current();
      if (template) this.form.reset({ subject: template.subject, body: template.body });
    });
    // the sample documents follow the document type only, not the language
    const currentType = computed(() => this.current()?.documentType);
    effect(() => {
      const type = currentType();
      if (!type) return;
      this.sampleDocuments.set(null);
      this.documents.list(type, { page: 1, pageSize: 10, sort: '-date' }).subscribe({
        next: (page) => {
          this.sampleDocuments.set(page.items);
          this.sample.setValue(page.items[0]?.id ?? ''); // previews (valueChanges)
        },
        error: () => this.sampleDocuments.set([]),
      });
    });
    // the latest text and sample win: an older preview answering late is dropped
    merge(this.form.valueChanges.pipe(debounceTime(400)), this.sample.valueChanges)
      .pipe(switchMap(() => this.previewRequest()))
      .subscribe((preview) => {
        this.preview.set(preview);
        this.previewError.set(null);
      });
  }

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  /** Puts `{{variable}}` into the body where the cursor is. */
  insert(textarea: HTMLTextAreaElement, variable: string): void {
    const text = `{{${variable}}}`;
    const { selectionStart, selectionEnd, value } = textarea;
    this.form.controls.body.setValue(value.slice(0, selectionStart) + text + value.slice(selectionEnd));
    this.form.markAsDirty();
    textarea.focus();
    textarea.setSelectionRange(selectionStart + text.length, selectionStart + text.length);
  }

  async save(): Promise<void> {
    const template = this.current();
    if (!template || this.form.invalid) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      const saved = await firstValueFrom(this.api.save(template.documentType, template.language, this.form.getRawValue()));
      this.templates.update((all) => all.map((item) => (item === template ? saved : item)));
      this.form.markAsPristine();
      this.snackBar.open(`${this.labels[saved.documentType]} template (${this.languageNames[saved.language]}) saved.`, 'OK', { duration: 4000 });
    } catch (error) {
      this.error.set(applyServerErrors(this.form, error));
    } finally {
      this.saving.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.templates.set(await firstValueFrom(this.api.list()));
    } catch (error) {
      this.error.set(toApiError(error).message);
    }
  }

  private previewRequest() {
    const template = this.current();
    const documentId = this.sample.value;
    if (!template || !documentId || this.form.invalid) return EMPTY;
    return this.api.preview({ documentType: template.documentType, documentId, ...this.form.getRawValue() }).pipe(
      catchError((error: unknown) => {
        this.preview.set(null);
        this.previewError.set(toApiError(error).message);
        return EMPTY;
      }),
    );
  }
}

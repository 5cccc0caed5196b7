import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { debounceTime, firstValueFrom, startWith } from 'rxjs';
import type { CompanyListQuery } from '@sendas/contracts';
import { CompaniesApi } from '../../core/api/companies-api';
import { AuthService } from '../../core/auth.service';
import type { HasUnsavedChanges } from '../../core/unsaved-changes.guard';
import { applyServerErrors } from '../../shared/server-errors';
import { TableSkeletonComponent } from '../../shared/table-skeleton.component';
import { pagedResource } from '../../shared/paged-resource';

/** Companies: search, mine, archived, sorted and paged on the server; a new company opens its page. */
@Component({
  selector: 'app-company-list',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TableSkeletonComponent,
  ],
  templateUrl: './company-list.component.html',
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      margin-bottom: 12px;
    }
    .new {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: baseline;
      padding: 12px 16px;
      margin-bottom: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    .new .name {
      flex: 1 1 260px;
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
    a.name-link {
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompanyListComponent implements HasUnsavedChanges {
  private readonly api = inject(CompaniesApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly auth = inject(AuthService);
  readonly canCreate = computed(() => this.auth.user()?.role !== 'finance');

  readonly filters = this.fb.group({ q: [''], sort: ['name' as NonNullable<CompanyListQuery['sort']>], mine: [false], archived: [false] });
  private readonly filterValues = toSignal(this.filters.valueChanges.pipe(debounceTime(250), startWith(this.filters.getRawValue())), {
    initialValue: this.filters.getRawValue(),
  });
  readonly pageIndex = signal(1);
  readonly pageSize = signal(25);
  private readonly list = pagedResource(
    () => {
      const { q, sort, mine, archived } = { ...this.filters.getRawValue(), ...this.filterValues() };
      return {
        page: this.pageIndex(),
        pageSize: this.pageSize(),
        q,
        sort,
        mine: mine || undefined,
        archived: archived || undefined,
      } satisfies CompanyListQuery;
    },
    (query) => this.api.list(query),
    (lastPage) => this.pageIndex.set(lastPage),
  );
  readonly page = this.list.page;
  readonly loading = this.list.loading;
  readonly error = this.list.error;
  readonly columns = ['name', 'country', 'manager', 'updated'];

  readonly creating = signal(false);
  readonly newCompany = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    country: ['TH', [Validators.required, Validators.pattern(/^[A-Za-z]{2}$/)]],
    billingAddress: [''],
  });
  readonly createError = signal<string | null>(null);

  constructor() {
    this.filters.valueChanges.subscribe(() => this.pageIndex.set(1));
  }

  onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex + 1);
  }

  /** The New company form is open with something typed into it. */
  hasUnsavedChanges(): boolean {
    return this.creating() && this.newCompany.dirty;
  }

  async create(): Promise<void> {
    this.newCompany.markAllAsTouched();
    if (this.newCompany.invalid) return;
    this.createError.set(null);
    try {
      const { name, country, billingAddress } = this.newCompany.getRawValue();
      const company = await firstValueFrom(this.api.create({ name, country: country.toUpperCase(), billingAddress }));
      this.creating.set(false);
      await this.router.navigate(['/companies', company.id]);
    } catch (error) {
      this.createError.set(applyServerErrors(this.newCompany, error));
    }
  }
}

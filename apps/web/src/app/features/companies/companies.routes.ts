import type { Routes } from '@angular/router';
import { unsavedChangesGuard } from '../../core/unsaved-changes.guard';

export const routes: Routes = [
  {
    path: '',
    title: 'Companies · Sendas',
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./company-list.component').then((m) => m.CompanyListComponent),
  },
  {
    path: ':id',
    title: 'Company · Sendas',
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./company-page.component').then((m) => m.CompanyPageComponent),
  },
];

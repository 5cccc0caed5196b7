import type { Routes } from '@angular/router';

export const routes: Routes = [
  { path: '', title: 'Companies · Sendas', loadComponent: () => import('./company-list.component').then((m) => m.CompanyListComponent) },
  { path: ':id', title: 'Company · Sendas', loadComponent: () => import('./company-page.component').then((m) => m.CompanyPageComponent) },
];

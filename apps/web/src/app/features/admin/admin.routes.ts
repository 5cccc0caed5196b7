import type { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth.guard';

export const routes: Routes = [
  {
    path: 'users',
    title: 'Users & mailboxes · Sendas',
    canActivate: [roleGuard('superuser')],
    loadComponent: () => import('./users-admin.component').then((m) => m.UsersAdminComponent),
  },
  {
    path: 'emails',
    title: 'Email log · Sendas',
    loadComponent: () => import('./email-log.component').then((m) => m.EmailLogComponent),
  },
  { path: '', pathMatch: 'full', redirectTo: 'emails' },
];

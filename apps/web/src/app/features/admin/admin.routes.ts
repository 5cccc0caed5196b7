import type { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth.guard';
import { unsavedChangesGuard } from '../../core/unsaved-changes.guard';

export const routes: Routes = [
  {
    path: 'users',
    title: 'Users & mailboxes · Sendas',
    canActivate: [roleGuard('superuser')],
    loadComponent: () => import('./users-admin.component').then((m) => m.UsersAdminComponent),
  },
  {
    path: 'invitations',
    title: 'Invitations · Sendas',
    canActivate: [roleGuard('superuser')],
    loadComponent: () => import('./invitations.component').then((m) => m.InvitationsComponent),
  },
  {
    path: 'organisation',
    title: 'Organisation · Sendas',
    canActivate: [roleGuard('superuser')],
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./organisation.component').then((m) => m.OrganisationComponent),
  },
  {
    path: 'emails',
    title: 'Email log · Sendas',
    loadComponent: () => import('./email-log.component').then((m) => m.EmailLogComponent),
  },
  {
    path: 'templates',
    title: 'Email templates · Sendas',
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./email-templates.component').then((m) => m.EmailTemplatesComponent),
  },
  { path: '', pathMatch: 'full', redirectTo: 'emails' },
];

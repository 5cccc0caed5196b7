import type { Routes } from '@angular/router';

export const routes: Routes = [
  {
    path: 'profile',
    title: 'My profile · Sendas',
    loadComponent: () => import('./profile.component').then((m) => m.ProfileComponent),
  },
  {
    path: 'mailbox',
    title: 'My mailbox · Sendas',
    loadComponent: () => import('./mailbox.component').then((m) => m.MailboxComponent),
  },
  { path: '', pathMatch: 'full', redirectTo: 'profile' },
];

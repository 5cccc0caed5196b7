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
  {
    path: 'api-keys',
    title: 'API keys · Sendas',
    loadComponent: () => import('./api-keys.component').then((m) => m.ApiKeysComponent),
  },
  { path: '', pathMatch: 'full', redirectTo: 'profile' },
];

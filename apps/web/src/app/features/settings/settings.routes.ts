import type { Routes } from '@angular/router';

export const routes: Routes = [
  {
    path: 'profile',
    title: 'My profile · Sendas',
    loadComponent: () => import('./profile.component').then((m) => m.ProfileComponent),
  },
  { path: '', pathMatch: 'full', redirectTo: 'profile' },
];

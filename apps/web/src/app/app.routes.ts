import type { Routes } from '@angular/router';
import { authGuard } from './core/auth.guard';

export const routes: Routes = [
  { path: 'login', loadComponent: () => import('./features/auth/login.component').then((m) => m.LoginComponent) },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: 'settings', loadChildren: () => import('./features/settings/settings.routes').then((m) => m.routes) },
      { path: '', pathMatch: 'full', redirectTo: 'settings/profile' },
    ],
  },
  { path: '**', redirectTo: '' },
];

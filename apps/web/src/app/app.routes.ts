import type { Routes } from '@angular/router';
import { authGuard, roleGuard } from './core/auth.guard';

export const routes: Routes = [
  { path: 'login', title: 'Sign in · Sendas', loadComponent: () => import('./features/auth/login.component').then((m) => m.LoginComponent) },
  {
    path: 'forgot-password',
    title: 'Forgot password · Sendas',
    loadComponent: () => import('./features/auth/forgot-password.component').then((m) => m.ForgotPasswordComponent),
  },
  {
    // The link in the reset mail (APP_URL/reset-password#token=...).
    path: 'reset-password',
    title: 'New password · Sendas',
    loadComponent: () => import('./features/auth/reset-password.component').then((m) => m.ResetPasswordComponent),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: 'companies', loadChildren: () => import('./features/companies/companies.routes').then((m) => m.routes) },
      { path: 'quotes', loadChildren: () => import('./features/documents/documents.routes').then((m) => m.quoteRoutes) },
      { path: 'contracts', loadChildren: () => import('./features/documents/documents.routes').then((m) => m.contractRoutes) },
      { path: 'invoices', loadChildren: () => import('./features/documents/documents.routes').then((m) => m.invoiceRoutes) },
      { path: 'outbox', title: 'Scheduled · Sendas', loadComponent: () => import('./features/outbox/outbox.component').then((m) => m.OutboxComponent) },
      {
        path: 'outbox/bulk/:id',
        title: 'Bulk send · Sendas',
        loadComponent: () => import('./features/outbox/bulk-send.component').then((m) => m.BulkSendComponent),
      },
      { path: 'settings', loadChildren: () => import('./features/settings/settings.routes').then((m) => m.routes) },
      {
        // The redirect URL registered with Google and Microsoft (OAUTH_REDIRECT_URL).
        path: 'mailbox/oauth',
        title: 'Connecting your mailbox · Sendas',
        loadComponent: () => import('./features/settings/oauth-callback.component').then((m) => m.OAuthCallbackComponent),
      },
      {
        path: 'admin',
        canActivate: [roleGuard('admin', 'superuser')],
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.routes),
      },
      {
        path: 'dev/mailbox',
        title: 'Dev mailbox · Sendas',
        loadComponent: () => import('./features/dev-mailbox/dev-mailbox.component').then((m) => m.DevMailboxComponent),
      },
      { path: '', pathMatch: 'full', redirectTo: 'quotes' },
    ],
  },
  { path: '**', redirectTo: '' },
];

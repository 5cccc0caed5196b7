import type { Routes } from '@angular/router';
import { DOCUMENT_LABELS, type DocumentType } from '@sendas/contracts';
import { unsavedChangesGuard } from '../../core/unsaved-changes.guard';

const forType = (type: DocumentType): Routes => [
  {
    path: '',
    title: `${DOCUMENT_LABELS[type]}s · Sendas`,
    data: { type },
    loadComponent: () => import('./document-list.component').then((m) => m.DocumentListComponent),
  },
  {
    path: 'new',
    title: `New ${DOCUMENT_LABELS[type].toLowerCase()} · Sendas`,
    data: { type },
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./document-editor.component').then((m) => m.DocumentEditorComponent),
  },
  {
    path: ':id/edit',
    title: `Edit ${DOCUMENT_LABELS[type].toLowerCase()} · Sendas`,
    data: { type },
    canDeactivate: [unsavedChangesGuard],
    loadComponent: () => import('./document-editor.component').then((m) => m.DocumentEditorComponent),
  },
  {
    path: ':id',
    title: `${DOCUMENT_LABELS[type]} · Sendas`,
    data: { type },
    loadComponent: () => import('./document-detail.component').then((m) => m.DocumentDetailComponent),
  },
];

export const quoteRoutes = forType('quote');
export const contractRoutes = forType('contract');
export const invoiceRoutes = forType('invoice');

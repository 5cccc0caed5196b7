export * from './errors';
export * from './users';
export * from './auth';
export * from './health';
export * from './paging';
export * from './smtp';
export * from './dev-mailbox';
export * from './documents';
export * from './email';
export * from './api-keys';
export * from './outbox';
export * from './time-zones';
export * from './invitations';
// Money arithmetic is imported as '@sendas/contracts/money': decimal.js stays out of what does not price lines (the
// web app's first page).
export * from './organisation';

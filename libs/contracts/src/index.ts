export * from './errors';
export * from './users';
export * from './auth';
export * from './health';
export * from './paging';
export * from './smtp';
export * from './dev-mailbox';
export * from './documents';

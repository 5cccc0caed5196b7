import type { DocumentType, Role } from '@sendas/contracts';
import { type AccessLevel, DocumentAccessPolicy } from './document-access.policy';

const ME = 'user-me';
const OTHER = 'user-other';
type Relation = 'owner' | 'manager' | 'stranger';

const subject = (type: DocumentType, relation: Relation) => ({
  type,
  ownerId: relation === 'owner' ? ME : OTHER,
  accountManagerId: relation === 'manager' ? ME : null,
});

describe('DocumentAccessPolicy', () => {
  const policy = new DocumentAccessPolicy();

  // role, document type, relation of the actor to the document → access
  const table: Array<[Role, DocumentType, Relation, AccessLevel]> = [];
  for (const type of ['quote', 'contract', 'invoice'] as const) {
    for (const relation of ['owner', 'manager', 'stranger'] as const) {
      table.push(['superuser', type, relation, 'write']);
      table.push(['admin', type, relation, 'write']);
      table.push(['sales', type, relation, relation === 'stranger' ? 'none' : 'write']);
      table.push(['finance', type, relation, type === 'invoice' ? 'write' : 'read']);
    }
  }

  it.each(table)('%s on a %s where they are %s → %s', (role, type, relation, expected) => {
    expect(policy.access({ id: ME, role }, subject(type, relation))).toBe(expected);
  });

  it.each([
    ['sales', 'quote', true],
    ['finance', 'quote', false],
    ['finance', 'invoice', true],
    ['admin', 'contract', true],
  ] as const)('%s may create a %s: %s', (role, type, expected) => {
    expect(policy.canCreate({ id: ME, role }, type)).toBe(expected);
  });

  it.each([
    ['sales', ME, true],
    ['sales', null, true],
    ['sales', OTHER, false],
    ['finance', OTHER, true],
    ['admin', OTHER, true],
  ] as const)('%s may file a document under a company managed by %s: %s', (role, manager, expected) => {
    expect(policy.canFileUnder({ id: ME, role }, manager)).toBe(expected);
  });

  it('scopes list queries in SQL for sales only', () => {
    expect(policy.listScope({ id: ME, role: 'sales' })).toEqual({
      where: '(d.owner_id = :scopeUserId OR c.account_manager_id = :scopeUserId)',
      params: { scopeUserId: ME },
    });
    for (const role of ['superuser', 'admin', 'finance'] as const) expect(policy.listScope({ id: ME, role })).toBeNull();
  });
});

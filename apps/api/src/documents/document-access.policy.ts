import { Injectable } from '@nestjs/common';
import { type DocumentType, hasAdminRights, mayCreateDocument, type Role } from '@sendas/contracts';

export type AccessLevel = 'none' | 'read' | 'write';

export interface Actor {
  id: string;
  role: Role;
}

/** What the policy needs to know about a document. */
export interface DocumentAccessSubject {
  type: DocumentType;
  ownerId: string;
  accountManagerId: string | null;
}

/**
 * Who may see and change which documents. Superusers and admins: everything. Sales: documents they own
 * or of companies they manage. Finance: all invoices, and read-only the rest. The same rule runs in
 * memory for one document and as SQL for lists, so lists never load what they then hide.
 */
@Injectable()
export class DocumentAccessPolicy {
  access(actor: Actor, document: DocumentAccessSubject): AccessLevel {
    switch (actor.role) {
      case 'superuser':
      case 'admin':
        return 'write';
      case 'finance':
        return document.type === 'invoice' ? 'write' : 'read';
      case 'sales':
        return document.ownerId === actor.id || document.accountManagerId === actor.id ? 'write' : 'none';
    }
  }

  /**
   * Companies and their contacts follow the same rule: sales see and change the companies they manage (so
   * nobody can redirect another team's next Send to an address of their choosing); finance reads them all.
   */
  companyAccess(actor: Actor, accountManagerId: string | null): AccessLevel {
    switch (actor.role) {
      case 'superuser':
      case 'admin':
        return 'write';
      case 'finance':
        return 'read';
      case 'sales':
        return accountManagerId === actor.id ? 'write' : 'none';
    }
  }

  /** The account manager whose companies alone the actor's company lists show, or null when they see every company. */
  companyListScope(actor: Actor): string | null {
    return actor.role === 'sales' ? actor.id : null;
  }

  /**
   * Whether a document may be filed under a company: not under a company another salesperson manages, whose
   * contacts (and so whose next Send) are theirs. Companies nobody manages are open to every team.
   */
  canFileUnder(actor: Actor, accountManagerId: string | null): boolean {
    return accountManagerId === null || this.companyAccess(actor, accountManagerId) !== 'none';
  }

  canCreate(actor: Actor, type: DocumentType): boolean {
    return mayCreateDocument(actor.role, type);
  }

  /** Admins and superusers may create documents owned by someone else. */
  canAssignOwner(actor: Actor): boolean {
    return hasAdminRights(actor.role);
  }

  /** A WHERE fragment over `documents d` joined to `companies c`, or null when the actor sees every row. */
  listScope(actor: Actor): { where: string; params: Record<string, string> } | null {
    if (actor.role !== 'sales') return null;
    return { where: '(d.owner_id = :scopeUserId OR c.account_manager_id = :scopeUserId)', params: { scopeUserId: actor.id } };
  }
}

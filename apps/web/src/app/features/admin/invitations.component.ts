import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { firstValueFrom } from 'rxjs';
import type { InvitationDto, InvitationStatus } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { InvitationsApi } from '../../core/api/invitations-api';
import { ConfirmDialogComponent } from '../../shared/confirm-dialog.component';
import { TableSkeletonComponent } from '../../shared/table-skeleton.component';

const PROVIDER_LABELS = { google: 'Google', microsoft: 'Microsoft' } as const;
const STATUS_LABELS: Record<InvitationStatus, string> = { pending: 'waiting', used: 'used', revoked: 'revoked', expired: 'expired' };

/** Admin > Invitations (superusers): every "connect your mailbox" link given out, and revoking one still waiting. */
@Component({
  selector: 'app-invitations',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatTableModule, TableSkeletonComponent],
  template: `
    <section class="page wide">
      <h1>Invitations</h1>
      <p class="intro">Links you gave a person to connect their own mailbox. Each works once, for its person only, until it expires; revoke one that went to the wrong place.</p>
      @if (error(); as message) {
        <div class="error-banner" role="alert"><mat-icon aria-hidden="true">error</mat-icon>{{ message }}<button mat-button type="button" (click)="load()">Try again</button></div>
      }
      @if (!rows() && !error()) { <app-table-skeleton label="Loading the invitations" /> }
      @if (rows(); as list) {
        @if (!list.length) {
          <p class="empty" data-testid="invitations-empty">No invitations yet. A superuser creates one in a person’s mailbox under Users &amp; mailboxes: Copy connect link.</p>
        } @else {
          <table mat-table [dataSource]="list" aria-label="Invitations" class="cards-on-phone">
            <ng-container matColumnDef="for"><th mat-header-cell *matHeaderCellDef>For</th><td mat-cell *matCellDef="let i" data-label="For">{{ i.user.name }}<br /><small>{{ i.user.email }}</small></td></ng-container>
            <ng-container matColumnDef="what"><th mat-header-cell *matHeaderCellDef>To</th><td mat-cell *matCellDef="let i" data-label="To">Connect with {{ providerLabel(i) }}</td></ng-container>
            <ng-container matColumnDef="by"><th mat-header-cell *matHeaderCellDef>Given by</th><td mat-cell *matCellDef="let i" data-label="Given by">{{ i.createdBy?.name ?? 'Deleted user' }}<br /><small>{{ i.createdAt | date: 'short' }}</small></td></ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef>Status</th>
              <td mat-cell *matCellDef="let i" data-label="Status" [attr.data-status]="i.status">
                {{ statusLabel(i.status) }}
                <br /><small>{{ i.status === 'pending' ? 'until ' + (i.expiresAt | date: 'short') : i.settledAt ? (i.settledAt | date: 'short') : (i.expiresAt | date: 'short') }}</small>
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let i">
                @if (i.status === 'pending') {
                  <button mat-stroked-button type="button" (click)="revoke(i)" [disabled]="busy() === i.id" data-testid="revoke-invitation">Revoke</button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" [attr.data-invitation]="row.id"></tr>
          </table>
        }
      }
    </section>
  `,
  styles: `.intro { color: var(--mat-sys-on-surface-variant); } .empty { padding: 24px 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationsComponent {
  private readonly api = inject(InvitationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  readonly columns = ['for', 'what', 'by', 'status', 'actions'];
  readonly rows = signal<InvitationDto[] | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.error.set(null);
    try {
      this.rows.set(await firstValueFrom(this.api.list()));
    } catch (error) {
      this.error.set(toApiError(error).message);
    }
  }

  providerLabel(invitation: InvitationDto): string {
    return invitation.provider ? PROVIDER_LABELS[invitation.provider] : 'a mailbox';
  }

  statusLabel(status: InvitationStatus): string {
    return STATUS_LABELS[status];
  }

  async revoke(invitation: InvitationDto): Promise<void> {
    const confirmed = await firstValueFrom(
      ConfirmDialogComponent.ask(this.dialog, {
        title: `Revoke ${invitation.user.name}'s link?`,
        message: `The link to connect with ${this.providerLabel(invitation)} stops working at once. You can give ${invitation.user.name} a new one later.`,
        confirm: 'Revoke the link',
      }),
    );
    if (!confirmed) return;
    this.busy.set(invitation.id);
    try {
      const revoked = await firstValueFrom(this.api.revoke(invitation.id));
      this.rows.update((rows) => rows?.map((row) => (row.id === revoked.id ? revoked : row)) ?? null);
      this.snackBar.open(`${invitation.user.name}'s link is revoked.`, 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(toApiError(error).message, 'OK', { duration: 6000 });
      await this.load();
    } finally {
      this.busy.set(null);
    }
  }
}

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
import { LocalTimePipe } from '../../shared/local-time.pipe';

const PROVIDER_LABELS = { google: 'Google', microsoft: 'Microsoft' } as const;
const STATUS_LABELS: Record<InvitationStatus, string> = { pending: 'waiting', used: 'used', revoked: 'revoked', expired: 'expired' };

/** Admin > Invitations (superusers): every "connect your mailbox" link given out, and revoking one still waiting. */
@Component({
  selector: 'app-invitations',
  imports: [LocalTimePipe, MatButtonModule, MatIconModule, MatTableModule, TableSkeletonComponent],
  templateUrl: './invitations.component.html',
  styles: `
    .intro {
      color: var(--mat-sys-on-surface-variant);
    }
    .empty {
      padding: 24px 0;
    }
  `,
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

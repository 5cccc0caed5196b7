import { ChangeDetectionStrategy, Component, inject, input, signal, type OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { MAILBOX_KIND_LABELS } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { MailboxesApi } from '../../core/api/mailboxes-api';

/**
 * Where Google or Microsoft send the owner back after "Connect with ...": passes the state and code (or the
 * provider's error) to the API, then returns to My mailbox; a refusal is explained here.
 */
@Component({
  selector: 'app-oauth-callback',
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatProgressSpinnerModule, RouterLink],
  template: `
    <section class="page">
      <h1>Connecting your mailbox</h1>
      <mat-card appearance="outlined">
        <mat-card-content>
          @if (problem(); as message) {
            <div class="error-banner" role="alert" data-testid="connect-error"><mat-icon aria-hidden="true">error</mat-icon>{{ message }}</div>
            <p><a mat-flat-button routerLink="/settings/mailbox">Back to My mailbox</a></p>
          } @else {
            <mat-spinner diameter="28" aria-label="Connecting" />
            <p>Finishing the sign-in…</p>
          }
        </mat-card-content>
      </mat-card>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OAuthCallbackComponent implements OnInit {
  private readonly api = inject(MailboxesApi);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  readonly state = input<string>();
  readonly code = input<string>();
  readonly error = input<string>();
  readonly error_description = input<string>();
  readonly problem = signal<string | null>(null);

  ngOnInit(): void {
    void this.complete();
  }

  private async complete(): Promise<void> {
    const state = this.state();
    if (!state) {
      this.problem.set('This page is only reached from Google or Microsoft after "Connect with ...": open My mailbox and click Connect.');
      return;
    }
    try {
      const mailbox = await firstValueFrom(
        this.api.completeConnect({
          state,
          ...(this.code() ? { code: this.code() } : {}),
          ...(this.error() ? { error: this.error() } : {}),
          ...(this.error_description() ? { errorDescription: this.error_description() } : {}),
        }),
      );
      this.snackBar.open(`Mailbox connected: ${MAILBOX_KIND_LABELS[mailbox.kind]}, ${mailbox.fromEmail}. Test it to be sure.`, 'OK', { duration: 6000 });
      await this.router.navigateByUrl('/settings/mailbox', { replaceUrl: true });
    } catch (error) {
      this.problem.set(toApiError(error).message);
    }
  }
}

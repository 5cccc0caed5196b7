import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { OAUTH_PROVIDER_LABELS, OAUTH_PROVIDERS, type OAuthProvider } from '@sendas/contracts';
import { MatCardModule } from '@angular/material/card';
import { MatExpansionModule } from '@angular/material/expansion';
import { AuthService } from '../../core/auth.service';
import { MailboxFormComponent } from '../../shared/mailbox-form/mailbox-form.component';

/** Settings > My mailbox: one's own mailbox (app password or connected account), with the app-password how-to. */
@Component({
  selector: 'app-mailbox',
  imports: [MatCardModule, MatExpansionModule, MailboxFormComponent],
  template: `
    <section class="page">
      <h1>My mailbox</h1>
      <p>
        Mail you send from Sendas goes out through this mailbox (connected with your Google or Microsoft account, or with an app password): customers see you as
        the sender and replies come to you. Under "Sent folder" below it says what happens to the copy in your own Sent folder with your provider.
      </p>
      @if (invitedProvider(); as provider) {
        <p class="invite" role="status" data-testid="connect-invite">
          A superuser asked you to connect your {{ labels[provider] }} mailbox: click <strong>Connect with {{ labels[provider] }}</strong> below and sign in
          with your own account.
        </p>
      }
      <mat-card appearance="outlined">
        <mat-card-content><app-mailbox-form [defaultEmail]="email()" [invite]="invite()" /></mat-card-content>
      </mat-card>
      <mat-expansion-panel class="howto">
        <mat-expansion-panel-header><mat-panel-title>How to create a Gmail app password</mat-panel-title></mat-expansion-panel-header>
        <ol>
          <li>Open your Google Account and go to <strong>Security</strong>.</li>
          <li>Turn on <strong>2-Step Verification</strong> if it is off (app passwords need it).</li>
          <li>
            Open <a href="https://myaccount.google.com/apppasswords" target="_blank" rel="noopener">App passwords</a>, create one for "Mail", and copy the
            16-character password.
          </li>
          <li>Paste it above as the app password, press <strong>Test connection</strong>, then <strong>Save</strong>.</li>
        </ol>
        <p>Microsoft 365: your administrator may need to enable "Authenticated SMTP" for your mailbox.</p>
      </mat-expansion-panel>
    </section>
  `,
  styles: `
    .howto {
      margin-top: 16px;
    }
    .invite {
      padding: 10px 12px;
      border-radius: 8px;
      background: #fff0d1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxComponent {
  private readonly auth = inject(AuthService);
  readonly email = () => this.auth.user()?.email ?? '';
  /** From a superuser's connect link: which provider, and the sealed invite that lets the owner connect. */
  readonly connect = input<string>();
  readonly invite = input<string>();
  readonly labels = OAUTH_PROVIDER_LABELS;
  readonly invitedProvider = computed(() => OAUTH_PROVIDERS.find((provider): provider is OAuthProvider => provider === this.connect()) ?? null);
}

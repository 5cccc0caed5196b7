import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

/** The centred card of the signed-out pages (sign in, forgot password, new password). */
@Component({
  selector: 'app-auth-card',
  imports: [MatCardModule, MatIconModule],
  template: `
    <main class="login">
      <mat-card appearance="outlined" class="login-card">
        <mat-card-header>
          <div class="brand" mat-card-avatar aria-hidden="true">
            <mat-icon>{{ icon() }}</mat-icon>
          </div>
          <mat-card-title
            ><h1>{{ heading() }}</h1></mat-card-title
          >
          <mat-card-subtitle>{{ subtitle() }}</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content><ng-content /></mat-card-content>
      </mat-card>
    </main>
  `,
  styleUrl: './auth-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthCardComponent {
  readonly icon = input.required<string>();
  readonly heading = input.required<string>();
  readonly subtitle = input.required<string>();
}

import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { DevMailboxApi } from '../core/api/dev-mailbox-api';
import { AuthService } from '../core/auth.service';
import { COMPACT_LAYOUT } from '../shared/layout';
import { ZoneOfferComponent } from './zone-offer.component';

const ROLE_LABELS = { superuser: 'Superuser', admin: 'Admin', sales: 'Sales', finance: 'Finance' } as const;

@Component({
  selector: 'app-shell',
  imports: [
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatListModule,
    MatMenuModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    ZoneOfferComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  readonly user = this.auth.user;
  readonly roleLabel = computed(() => {
    const role = this.user()?.role;
    return role ? ROLE_LABELS[role] : '';
  });
  readonly isSuperuser = computed(() => this.user()?.role === 'superuser');
  readonly isAdmin = this.auth.isAdmin;
  readonly drawer = viewChild(MatSidenav);
  readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe(COMPACT_LAYOUT)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** The Dev mailbox exists only while the dev mail catcher runs. */
  readonly devMailbox = toSignal(
    inject(DevMailboxApi)
      .health()
      .pipe(
        map((health) => health.mail.transport === 'dev-catcher'),
        catchError(() => of(false)),
      ),
    { initialValue: false },
  );

  /** The skip link: past the menu to the page, for keyboard and screen reader users (the router keeps the URL). */
  skipToContent(event: Event): void {
    event.preventDefault();
    document.getElementById('content')?.focus();
  }

  logout(): void {
    this.auth.logout();
  }
}

import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Grey placeholder rows while a list loads for the first time: the page keeps its shape instead of flashing empty. */
@Component({
  selector: 'app-table-skeleton',
  template: `
    <div class="skeleton" role="status" [attr.aria-label]="label()" data-testid="skeleton">
      @for (row of rows; track $index) {
        <div class="skeleton-row"><span></span><span></span><span></span></div>
      }
    </div>
  `,
  styles: `
    .skeleton {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
    }
    .skeleton-row {
      display: flex;
      gap: 16px;
      padding: 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .skeleton-row:last-child {
      border-bottom: 0;
    }
    span {
      height: 14px;
      border-radius: 7px;
      background: var(--mat-sys-surface-container-high);
      animation: pulse 1.4s ease-in-out infinite;
    }
    span:nth-child(1) {
      flex: 2;
    }
    span:nth-child(2) {
      flex: 3;
    }
    span:nth-child(3) {
      flex: 1;
    }
    @keyframes pulse {
      50% {
        opacity: 0.45;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      span {
        animation: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TableSkeletonComponent {
  readonly label = input('Loading');
  readonly rows = Array.from({ length: 6 });
}

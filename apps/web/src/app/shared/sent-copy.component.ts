import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { SENT_COPY_LABELS, type SentCopyOutcome, type SentCopyStatus } from '@sendas/contracts';

const ICONS: Record<SentCopyStatus, string> = { pending: 'schedule', saved: 'inventory_2', failed: 'error', not_needed: 'info' };

/** What became of a send's copy in the sender's Sent folder: a label, and with `detail` the reason or the folder. */
@Component({
  selector: 'app-sent-copy',
  imports: [MatIconModule],
  template: `
    @if (outcome(); as copy) {
      <span class="copy" [attr.data-copy]="copy.status" data-testid="sent-copy" [title]="detail() ? '' : copy.detail">
        <mat-icon aria-hidden="true">{{ icons[copy.status] }}</mat-icon>
        <span
          ><span class="label">{{ labels[copy.status] }}</span
          >{{ detail() ? ': ' + copy.detail : '' }}</span
        >
      </span>
    }
  `,
  styles: `
    .copy {
      display: inline-flex;
      gap: 6px;
      align-items: flex-start;
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
    }
    .copy mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
      flex: none;
    }
    .label {
      font-weight: 500;
    }
    [data-copy='saved'] mat-icon {
      color: #1b5e20;
    }
    [data-copy='failed'] {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SentCopyComponent {
  readonly outcome = input<SentCopyOutcome | null>(null);
  /** Show the folder or the reason after the label (else it is the tooltip). */
  readonly detail = input(true);
  readonly labels = SENT_COPY_LABELS;
  readonly icons = ICONS;
}

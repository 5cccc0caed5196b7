import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

const TONES: Record<string, string> = {
  draft: 'neutral',
  sent: 'info',
  accepted: 'good',
  signed: 'good',
  active: 'good',
  paid: 'good',
  rejected: 'bad',
  overdue: 'bad',
  void: 'muted',
  expired: 'muted',
  sending: 'info',
  failed: 'bad',
  unknown: 'bad',
  verified: 'good',
  configured: 'info',
  failing: 'bad',
  not_configured: 'muted',
  reconnect_required: 'bad',
  archived: 'muted',
  scheduled: 'info',
  cancelled: 'muted',
  send_failed: 'bad',
  send_unknown: 'bad',
};

const LABELS: Record<string, string> = {
  unknown: 'may have been delivered',
  reconnect_required: 'reconnect required',
  send_failed: 'send failed',
  send_unknown: 'send unclear',
};

/** A small coloured label for a status; the text is always there, colour only helps. */
@Component({
  selector: 'app-status-chip',
  template: `<span class="chip" [class.wrap]="wrap()" [attr.data-tone]="tone()">{{ label() }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      font-size: 12px;
      font-weight: 500;
      white-space: nowrap;
    }
    .chip.wrap {
      white-space: normal;
    }
    [data-tone='neutral'] {
      background: #ececec;
      color: #333;
    }
    [data-tone='info'] {
      background: #fff0d1;
      color: #6b4300;
    }
    [data-tone='good'] {
      background: #dff3e3;
      color: #1b5e20;
    }
    [data-tone='bad'] {
      background: #fde2e1;
      color: #8c1d18;
    }
    [data-tone='muted'] {
      background: #f1f1f1;
      color: #616161;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChipComponent {
  readonly status = input.required<string>();
  /** Lets a label of several words break over lines (a narrow table cell on a phone). */
  readonly wrap = input(false);
  readonly tone = computed(() => TONES[this.status()] ?? 'neutral');
  readonly label = computed(() => LABELS[this.status()] ?? this.status().replace('_', ' '));
}

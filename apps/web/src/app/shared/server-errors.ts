import type { AbstractControl } from '@angular/forms';
import type { FieldError } from '@sendas/contracts';
import { toApiError } from '../core/api-error';

/**
 * Puts the server's field errors (`details`, e.g. `lines.0.quantity`) on the form's controls as `server` errors,
 * and returns the message for the rest: a person sees each problem where it is.
 */
export function applyServerErrors(form: AbstractControl, error: unknown): string {
  const { message, details } = toApiError(error);
  if (!Array.isArray(details)) return message;
  const unplaced: string[] = [];
  for (const { field, messages } of details as FieldError[]) {
    const control = form.get(field);
    if (control) {
      control.setErrors({ ...control.errors, server: messages.join(' ') });
      control.markAsTouched();
    } else {
      unplaced.push(...messages);
    }
  }
  return unplaced.length ? unplaced.join(' ') : 'Some fields need attention: see the messages below them.';
}

import type { AbstractControl, ValidationErrors } from '@angular/forms';

/** A form-group validator: the new password typed twice the same (`newPassword` and `repeat`). */
export function repeatedPassword(group: AbstractControl): ValidationErrors | null {
  const { newPassword, repeat } = group.value as { newPassword: string; repeat: string };
  return repeat && newPassword !== repeat ? { mismatch: true } : null;
}

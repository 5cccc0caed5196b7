/** ISO weekdays, Monday 1 to Sunday 7. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The organisation's settings (GET /organisation): what new users start with and what later reminders follow. */
export interface OrganisationSettingsDto {
  /** The zone new users start in. @example "Asia/Bangkok" */
  timeZone: string;
  /** The days the team works, ISO weekdays. @example [1, 2, 3, 4, 5] */
  workingDays: Weekday[];
  /** Null until a superuser changes them (until then they are the start-up defaults). */
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

/** PUT /organisation (superusers). */
export interface OrganisationSettingsInput {
  timeZone: string;
  workingDays: Weekday[];
}

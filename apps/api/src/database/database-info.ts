export const DATABASE_INFO = Symbol('DATABASE_INFO');

/** Where the app's database lives, decided at start (see main.ts). */
export interface DatabaseInfo {
  url: string;
  embedded: boolean;
}

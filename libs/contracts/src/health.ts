export type ComponentStatus = 'up' | 'down';

/** The dev mail catcher's loopback address: a mailbox set up with it signs in without TLS (security `none`). */
export interface DevCatcherAddress {
  /** @example "127.0.0.1" */
  host: string;
  /** @example 2525 */
  port: number;
}

export interface HealthResponse {
  /** @example "ok" */
  status: 'ok' | 'degraded';
  /** Up or down only: the route is public, and why a part is down is in the server's log. */
  database: { status: ComponentStatus; embedded: boolean; latencyMs?: number };
  /** `devCatcher`: where the dev mail catcher listens (development only), for the mailbox form's "Dev mail catcher" settings. */
  mail: { status: ComponentStatus | 'not-configured'; transport: 'smtp' | 'dev-catcher' | 'none'; devCatcher?: DevCatcherAddress };
  /** @example 3600 */
  uptimeSeconds: number;
}

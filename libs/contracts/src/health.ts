export type ComponentStatus = 'up' | 'down';

export interface HealthResponse {
  /** @example "ok" */
  status: 'ok' | 'degraded';
  /** Up or down only: the route is public, and why a part is down is in the server's log. */
  database: { status: ComponentStatus; embedded: boolean; latencyMs?: number };
  mail: { status: ComponentStatus | 'not-configured'; transport: 'smtp' | 'dev-catcher' | 'none' };
  /** @example 3600 */
  uptimeSeconds: number;
}

export type ComponentStatus = 'up' | 'down';

export interface HealthResponse {
  /** @example "ok" */
  status: 'ok' | 'degraded';
  database: { status: ComponentStatus; embedded: boolean; latencyMs?: number; error?: string };
  mail: { status: ComponentStatus | 'not-configured'; transport: 'smtp' | 'dev-catcher' | 'none'; error?: string };
  /** @example 3600 */
  uptimeSeconds: number;
}

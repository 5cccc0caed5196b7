/** What other modules may use of health/: lint forbids importing its files directly. */
export { HealthModule } from './health.module';

/** What other modules may use of organisation/: lint forbids importing its files directly. */
export { OrganisationModule } from './organisation.module';
export { OrganisationSettingsRow } from './organisation-settings.entity';
export { OrganisationSettings } from './organisation.service';

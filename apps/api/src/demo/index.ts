/** What other modules may use of demo/: lint forbids importing its files directly. */
export { DemoData } from './demo-data';
export { DemoModule } from './demo.module';

import { type DynamicModule, Module } from '@nestjs/common';
import { Env } from './env.validation';

/**
 * The configuration: one `Env`, validated once by whoever starts the app (main.ts, worker.ts, a test) and injected by
 * its class wherever a setting is read (`constructor(private readonly config: Env)`). Nothing reads process.env after.
 */
@Module({})
export class ConfigurationModule {
  static forRoot(env: Env): DynamicModule {
    return { module: ConfigurationModule, global: true, providers: [{ provide: Env, useValue: env }], exports: [Env] };
  }
}

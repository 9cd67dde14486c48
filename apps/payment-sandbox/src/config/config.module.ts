import { DynamicModule, Global, Module } from '@nestjs/common';
import { SANDBOX_CONFIG, SandboxConfig } from './sandbox-config';

/** Makes the configuration read at start-up injectable as `SANDBOX_CONFIG`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: SandboxConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: SANDBOX_CONFIG, useValue: config }], exports: [SANDBOX_CONFIG] };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { AppModule } from '../app.module';
import { ApiConfig } from '../config/api-config';
import { ChaosFaultModule } from './chaos-fault.module';

/** The API in chaos mode (chaos-main.ts): AppModule and the fault the chaos proxy drives, nothing else. */
@Module({})
export class ChaosApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return { module: ChaosApiModule, imports: [AppModule.forRoot(config), ChaosFaultModule] };
  }
}

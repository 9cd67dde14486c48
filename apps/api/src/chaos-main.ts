import './trace-this-process';
import { ChaosApiModule } from './chaos/chaos-api.module';
import { exitOnStartFailure, startApi } from './start-api';

// The API in chaos mode: identical to main.ts plus the fault the chaos proxy drives. It is a
// separate entry point on purpose: no environment variable or header can turn faults on in a
// process started from main.ts.
startApi((config) => ChaosApiModule.forRoot(config)).then(
  ({ config, logger }) => logger.warn(`Safe Checkout API in CHAOS MODE on ${config.host} port ${config.port}: injected faults are enabled`),
  exitOnStartFailure,
);

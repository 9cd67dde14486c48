import { startTracing } from '@safe-checkout/tracing';
import { exitOnStartFailure, startApi } from './start-api';

startTracing('safe-checkout-api');

startApi().then(({ config, logger }) => logger.log(`Safe Checkout API listening on ${config.host} port ${config.port} (OpenAPI at /docs)`), exitOnStartFailure);

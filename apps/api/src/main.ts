import { exitOnStartFailure, startApi } from './start-api';

startApi().then(({ config, logger }) => logger.log(`Safe Checkout API listening on http://localhost:${config.port} (OpenAPI at /docs)`), exitOnStartFailure);

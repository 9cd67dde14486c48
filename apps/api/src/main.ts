import './trace-this-process';
import { exitOnStartFailure, startApi } from './start-api';

startApi().then(({ config, logger }) => logger.log(`Safe Checkout API listening on ${config.host} port ${config.port} (OpenAPI at /docs)`), exitOnStartFailure);

export { DEFAULT_HOST, isLoopbackHost } from './loopback-host';
export { developmentSecretExposureWarning } from './development-secret-exposure-warning';
export type { ListenExposure } from './development-secret-exposure-warning';

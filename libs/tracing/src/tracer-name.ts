/** The instrumentation scope of every span this project starts. */
export const TRACER_NAME = '@safe-checkout/tracing';

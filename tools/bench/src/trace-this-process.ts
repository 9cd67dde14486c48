import { startTracing } from '@safe-checkout/tracing';

// Imported first by bench-api.ts, as apps/api/src/trace-this-process.ts is by the API's main.ts:
// the automatic instrumentations patch http, @nestjs/core and Prisma as they are required, so the
// traced bench API must start tracing before it loads the app. Off unless OTEL_* asks (the
// tracing figure's second process does).
startTracing('safe-checkout-api');

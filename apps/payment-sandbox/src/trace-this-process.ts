import { startTracing } from '@safe-checkout/tracing';

// Imported first by the entry points, before anything loads http, @nestjs/core or Prisma: the
// automatic instrumentations patch those modules as they are required, and miss what came before.
startTracing('payment-sandbox');

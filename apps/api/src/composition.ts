// The API's public pieces, for a program that composes the API with modules of its own
// (`@safe-checkout/api/composition`: the bench's comparison routes in tools/bench). No entry point
// of the app imports this file; it adds nothing to the API that main.ts starts.
export { AppModule } from './app.module';
export { CurrentUser } from './auth/authenticated-user';
export type { AuthenticatedUser } from './auth/authenticated-user';
export { CheckoutModule } from './checkout/checkout.module';
export { CheckoutPhases } from './checkout/checkout.phases';
export type { CheckoutInput } from './checkout/checkout-input';
export { CreateOrderDto } from './checkout/dto/create-order.dto';
export { readApiConfig } from './config/api-config';
export type { ApiConfig } from './config/api-config';
export { createApiApp } from './create-api-app';
export type { PrismaTransactionHost } from './database/transaction-host';
export { ProblemDetailsFilter } from './problems/problem-details.filter';

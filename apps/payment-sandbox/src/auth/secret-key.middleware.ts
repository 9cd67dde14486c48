import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { SANDBOX_CONFIG, SandboxConfig } from '../config/sandbox-config';
import { StripeApiError } from '../stripe-errors/stripe-api.error';
import { AuthenticatedRequest } from './authenticated-request';
import { accountOf, isSecretKey, maskSecretKey, presentedSecretKey } from './secret-key';

const NO_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";

/**
 * Every request but `/health` needs the secret key (payments.md §1), before routing, so an unknown
 * route without a key is 401 too. It runs before the idempotency layer: a key is scoped by account.
 */
@Injectable()
export class SecretKeyMiddleware implements NestMiddleware {
  private readonly account: string;

  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {
    this.account = accountOf(config.secretKey);
  }

  use(request: AuthenticatedRequest, _response: Response, next: NextFunction): void {
    const key = presentedSecretKey(request.headers.authorization);
    if (key === undefined) throw unauthorized(NO_KEY);
    if (!isSecretKey(key, this.config.secretKey)) throw unauthorized(`Invalid API Key provided: ${maskSecretKey(key)}`);
    request.account = this.account;
    next();
  }
}

function unauthorized(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'invalid_request_error', message }, { 'WWW-Authenticate': 'Basic realm="Stripe"' });
}

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** A request whose secret key was accepted: `account` is the account the key belongs to. */
export interface AuthenticatedRequest extends Request {
  account?: string;
}

/** The account of the request's secret key (set by `SecretKeyMiddleware`). */
export const CurrentAccount = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const account = context.switchToHttp().getRequest<AuthenticatedRequest>().account;
  if (account === undefined) throw new Error('CurrentAccount used on a route that SecretKeyMiddleware does not cover');
  return account;
});

import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { AuthenticatedRequest } from '../auth/authenticated-user';
import { WriteAdmission } from './write-admission';

/** Counts the request against its user's new-write limit (runs after the global JwtAuthGuard). */
@Injectable()
export class NewWriteAdmissionGuard implements CanActivate {
  constructor(private readonly writes: WriteAdmission) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (user) await this.writes.admit(user.id);
    return true;
  }
}

/**
 * Marks a keyless write route as new work limited per user (`WRITES_PER_USER`, docs/capacity.md).
 * Keyed routes are limited by the idempotency layer's `admitNewExecution` hook instead, which sees
 * whether the key is new.
 */
export const LimitedPerUser = () => applyDecorators(UseGuards(NewWriteAdmissionGuard));

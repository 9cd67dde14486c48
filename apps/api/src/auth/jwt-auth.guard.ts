import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { PrismaClient } from '@safe-checkout/db';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { bearerToken } from '../security/bearer-token';
import { tokenLifetimeProblem } from '../security/token-lifetime';
import { ProblemException } from '../problems/problem.exception';
import { AuthenticatedRequest, AuthenticatedUser } from './authenticated-user';
import { IS_PUBLIC } from './public.decorator';
import { SingleFlight } from './single-flight';

// Tokens name their user by the database id. PostgreSQL prints UUIDs in lower case and we sign
// only ids it printed, so any other form (upper case, braces, a number) was not issued by us.
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Global guard: every route needs a valid bearer token unless marked `@Public()`. Valid means
 * sent as exactly `Authorization: Bearer <token>` ({@link bearerToken}), signed with our secret
 * (HS256), with `iat` and `exp`, not expired, living at most `JWT_MAX_LIFETIME_SECONDS`
 * ({@link tokenLifetimeProblem}), and naming an existing user as `sub`; the caller is then that
 * user's row, never the token's other claims.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly userLookups = new SingleFlight<AuthenticatedUser | null>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = await this.userNamedBy(await this.verifiedSubject(request));
    return true;
  }

  private async verifiedSubject(request: AuthenticatedRequest): Promise<string> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new ProblemException('unauthorized', 'Missing bearer token: send exactly `Authorization: Bearer <token>`.');
    let payload: { sub?: unknown; iat?: unknown; exp?: unknown } | null;
    try {
      payload = await this.jwt.verifyAsync<{ sub?: unknown; iat?: unknown; exp?: unknown }>(token);
    } catch {
      throw new ProblemException('unauthorized', 'The bearer token is invalid or has expired.');
    }
    // jsonwebtoken checks `exp` only when present: a token without one would never expire.
    const lifetimeProblem = tokenLifetimeProblem(payload ?? {}, this.config.jwtMaxLifetimeSeconds);
    if (lifetimeProblem) throw new ProblemException('unauthorized', lifetimeProblem);
    const subject = payload?.sub;
    if (typeof subject !== 'string' || !CANONICAL_UUID.test(subject)) {
      throw new ProblemException('unauthorized', 'The bearer token does not name a user.');
    }
    return subject;
  }

  // One primary-key lookup, shared by the requests of one user that arrive while it runs: a storm
  // of 1 000 concurrent duplicates of a few users' checkouts (Prefer: wait) would otherwise queue
  // 1 000 statements on the pool, and time out waiting for a connection (docs/capacity.md).
  // Errors are not caught: an unreachable database is a 503 (problem filter), not the caller's
  // fault, so it must not look like a bad token.
  private async userNamedBy(subject: string): Promise<AuthenticatedUser> {
    const user = await this.userLookups.run(subject, () => this.prisma.user.findUnique({ where: { id: subject }, select: { id: true, email: true } }));
    if (!user) throw new ProblemException('unauthorized', 'The account behind this token no longer exists.');
    return user;
  }
}

import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Adds the API's security headers to every answer, preflights and errors included:
 * - helmet's defaults, among them `X-Content-Type-Options: nosniff`, `X-Frame-Options`,
 *   `Referrer-Policy: no-referrer` and a Content-Security-Policy. Its CSP suits the Swagger UI at
 *   /docs (scripts are same-origin files, styles inline are allowed) except for
 *   `upgrade-insecure-requests`, which would send /docs' own scripts to https:// on a plain-HTTP
 *   `npm start`: that directive is left out. Nothing here frames the API: `frame-ancestors 'none'`.
 * - `Cache-Control: no-store` on the answer to any request that carries `Authorization`, see
 *   {@link noStoreWhenAuthorized}.
 *
 * Registered before CORS, so a preflight carries them too.
 */
export function useSecurityHeaders(app: INestApplication): void {
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, frameAncestors: ["'none'"] } } }));
  app.use(noStoreWhenAuthorized);
}

/**
 * `Cache-Control: no-store` when the request carries credentials: what it answers is one user's
 * (orders, profile, a refusal of their token) and no browser or shared cache may keep it. Decided
 * by the header, not by the guard's verdict, so a 401, a 404 or a replayed answer is covered too;
 * public reads without `Authorization` (`GET /products`) stay cacheable.
 */
export function noStoreWhenAuthorized(request: Request, response: Response, next: NextFunction): void {
  if (request.headers.authorization !== undefined) response.setHeader('Cache-Control', 'no-store');
  next();
}

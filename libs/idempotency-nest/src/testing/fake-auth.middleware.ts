import type { NextFunction, Request, Response } from 'express';

/** A request after {@link fakeAuthMiddleware}: `user` is set when the caller named one. */
export interface TestUserRequest extends Request {
  user?: { id: string };
}

/** Test-only authentication: the caller is whoever the `x-user` header names; no header, no user. */
export function fakeAuthMiddleware(request: Request, _response: Response, next: NextFunction): void {
  const id = request.header('x-user');
  if (id !== undefined) (request as TestUserRequest).user = { id };
  next();
}

/** The `scopeOf` option for the test application: keys belong to the authenticated user. */
export function scopeOfTestUser(request: Request): string | undefined {
  return (request as TestUserRequest).user?.id;
}

import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { PrismaClient } from '@safe-checkout/db';
import type { ApiConfig } from '../config/api-config';
import type { AuthenticatedRequest } from './authenticated-user';
import { JwtAuthGuard } from './jwt-auth.guard';

// The guard alone, with a stand-in for the users table that counts its lookups and answers when the
// test says so: how many statements concurrent requests cost is the behaviour under test.
function guardWithCountedLookups() {
  const pending: (() => void)[] = [];
  const users = new Map<string, { id: string; email: string }>();
  const findUnique = jest.fn(({ where }: { where: { id: string } }) => new Promise((resolve) => pending.push(() => resolve(users.get(where.id) ?? null))));
  const prisma = { user: { findUnique } } as unknown as PrismaClient;
  const jwt = new JwtService({ secret: 'guard-spec-secret', signOptions: { algorithm: 'HS256', expiresIn: 60 } });
  const guard = new JwtAuthGuard(new Reflector(), jwt, prisma, { jwtMaxLifetimeSeconds: 3600 } as ApiConfig);
  const authenticate = async (userId: string): Promise<AuthenticatedRequest> => {
    const request = { headers: { authorization: `Bearer ${await jwt.signAsync({ sub: userId })}` } } as AuthenticatedRequest;
    const context = { getHandler: () => authenticate, getClass: () => JwtAuthGuard, switchToHttp: () => ({ getRequest: () => request }) };
    await guard.canActivate(context as unknown as ExecutionContext);
    return request;
  };
  const answerLookups = () => pending.splice(0).forEach((answer) => answer());
  return { users, findUnique, authenticate, answerLookups };
}

/** Lets the guards' token checks run up to their lookups. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('JwtAuthGuard: the user lookup', () => {
  it('is one statement for the concurrent requests of one user, each of them authenticated as that user', async () => {
    const { users, findUnique, authenticate, answerLookups } = guardWithCountedLookups();
    const id = randomUUID();
    users.set(id, { id, email: 'waiter@example.test' });

    const requests = Promise.all(Array.from({ length: 50 }, () => authenticate(id)));
    await settle();
    answerLookups();

    for (const request of await requests) expect(request.user).toEqual({ id, email: 'waiter@example.test' });
    expect(findUnique).toHaveBeenCalledTimes(1);
  });

  it('is made again for a request that comes after the last one settled, so a deleted user is refused', async () => {
    const { users, findUnique, authenticate, answerLookups } = guardWithCountedLookups();
    const id = randomUUID();
    users.set(id, { id, email: 'gone@example.test' });
    const first = authenticate(id);
    await settle();
    answerLookups();
    await first;

    users.delete(id);
    const second = authenticate(id);
    await settle();
    answerLookups();

    await expect(second).rejects.toMatchObject({ status: 401 });
    expect(findUnique).toHaveBeenCalledTimes(2);
  });

  it('is one per user: concurrent requests of two users make two', async () => {
    const { users, findUnique, authenticate, answerLookups } = guardWithCountedLookups();
    const [a, b] = [randomUUID(), randomUUID()];
    users.set(a, { id: a, email: 'a@example.test' });
    users.set(b, { id: b, email: 'b@example.test' });
    const requests = Promise.all([authenticate(a), authenticate(b), authenticate(a)]);
    await settle();
    answerLookups();
    expect((await requests).map((request) => request.user?.id)).toEqual([a, b, a]);
    expect(findUnique).toHaveBeenCalledTimes(2);
  });
});

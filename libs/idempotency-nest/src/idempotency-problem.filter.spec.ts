import { Controller, Get, INestApplication, NotFoundException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { IdempotencyProblemException } from './idempotency-problem.exception';
import { IdempotencyProblemFilter } from './idempotency-problem.filter';

@Controller()
class FailingController {
  @Get('in-progress')
  inProgress() {
    throw new IdempotencyProblemException('idempotency-request-in-progress', 'still running', { 'Retry-After': '1' });
  }

  @Get('missing')
  missing() {
    throw new NotFoundException();
  }
}

describe('IdempotencyProblemFilter', () => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [FailingController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new IdempotencyProblemFilter());
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('sends an idempotency problem as application/problem+json, with its headers', async () => {
    const response = await fetch(`${url}/in-progress`);

    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual(new IdempotencyProblemException('idempotency-request-in-progress', 'still running').getResponse());
  });

  it("leaves every other error to the application's own handling", async () => {
    const response = await fetch(`${url}/missing`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

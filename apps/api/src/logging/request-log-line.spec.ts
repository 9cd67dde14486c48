import { Global, Module } from '@nestjs/common';
import { createTestProduct, createTestUser, newIdempotencyKey, orderBody, startTestApi, TestApi } from '../testing/test-api';
import { LOG_DESTINATION } from './logging.module';

// Every line the API logs, as written: provided to LoggingModule from a global module.
const logLines: string[] = [];

@Global()
@Module({ providers: [{ provide: LOG_DESTINATION, useValue: { write: (line: string) => void logLines.push(line) } }], exports: [LOG_DESTINATION] })
class CapturedLogsModule {}

/** The keys of every object in a JSON text, in order, duplicates kept (JSON.parse keeps the last one only). */
function keysOfEveryObject(json: string): string[][] {
  const objects: string[][] = [];
  const open: string[][] = [];
  // A string followed by a colon is a key; strings are skipped whole, so braces inside them do not count.
  const tokens = /"(?:[^"\\]|\\.)*"\s*:|"(?:[^"\\]|\\.)*"|[{}]/g;
  for (const [token] of json.matchAll(tokens)) {
    if (token === '{') open.push([]);
    else if (token === '}') objects.push(open.pop() ?? []);
    else if (token.endsWith(':')) open.at(-1)?.push(JSON.parse(token.slice(0, -1).trim()));
  }
  return objects;
}

describe('LoggingModule: the completion line of a keyed POST /orders', () => {
  let api: TestApi;
  let line: string;

  beforeAll(async () => {
    api = await startTestApi({ LOG_LEVEL: 'info' }, [CapturedLogsModule]);
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 5);
    await api
      .http()
      .post('/orders')
      .set('Authorization', `Bearer ${user.token}`)
      .set('Idempotency-Key', newIdempotencyKey())
      .set('Idempotency-Attempt', '2')
      .send(orderBody([{ productId: product.id, quantity: 1 }]))
      .expect(201);
    await api.close();
    const completions = logLines.filter((l) => l.includes('"url":"/orders"') && l.includes('"responseTime"'));
    expect(completions).toHaveLength(1);
    line = completions[0];
  });

  it("names the client's attempt and what the idempotency layer did", () => {
    expect(JSON.parse(line)).toMatchObject({
      req: { method: 'POST', url: '/orders' },
      res: { statusCode: 201 },
      idempotencyAttempt: '2',
      idempotencyOutcome: 'executed',
    });
  });

  it('has no key twice in any of its objects (JSON tools differ on duplicates: some refuse the line)', () => {
    const objects = keysOfEveryObject(line);
    expect(objects.length).toBeGreaterThan(1);
    for (const keys of objects) expect(keys).toEqual([...new Set(keys)]);
  });
});

describe('keysOfEveryObject (the duplicate check above)', () => {
  it('reports a key written twice, which JSON.parse hides', () => {
    expect(keysOfEveryObject('{"a":1,"b":{"c":"}{","c":2},"a":3}')).toEqual([
      ['c', 'c'],
      ['a', 'b', 'a'],
    ]);
  });
});

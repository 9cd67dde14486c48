import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../api';
import { changeChaos, readChaos } from './chaos-admin';

// A stand-in for the proxy's admin endpoint on a real socket: it records what it was sent and
// answers what the test says.
type Answer = { status: number; body: unknown };
const COUNTS = { requests: 40, eligible: 12, 'request-lost': 1, 'server-failure': 3, 'response-lost': 4, latency: 0, 'upstream-errors': 2 };
const SNAPSHOT = {
  rates: { 'request-lost': 0.1, 'server-failure': 0.25, 'response-lost': 0.333, latency: 0 },
  latencyMs: 11_000,
  routes: ['POST /orders'],
  seed: 1,
  counts: COUNTS,
};

describe('the chaos proxy admin calls', () => {
  let server: Server;
  let url: string;
  let answer: Answer;
  let received: { method?: string; body: string }[];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ method: req.method, body });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/__chaos`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    answer = { status: 200, body: SNAPSHOT };
    received = [];
  });

  describe('readChaos(adminUrl)', () => {
    it('when the proxy answers, is its settings with the rates in percent, and its counts', async () => {
      expect(await readChaos(url)).toEqual({
        ratePercent: { 'request-lost': 10, 'server-failure': 25, 'response-lost': 33.3, latency: 0 },
        latencyMs: 11_000,
        routes: ['POST /orders'],
        counts: COUNTS,
      });
      expect(received).toEqual([{ method: 'GET', body: '' }]);
    });

    it.each([
      { what: 'something else', body: { status: 'ok' } },
      { what: 'a rate out of range', body: { ...SNAPSHOT, rates: { ...SNAPSHOT.rates, 'request-lost': 7 } } },
      { what: 'a count missing', body: { ...SNAPSHOT, counts: { ...COUNTS, 'upstream-errors': undefined } } },
    ])('when the URL answers $what, throws an ApiError saying it is not a chaos proxy', async ({ body }) => {
      answer = { status: 200, body };
      await expect(readChaos(url)).rejects.toMatchObject({ name: 'ApiError', title: 'Not a chaos proxy' });
    });

    it('when nothing listens, throws an ApiError: unreachable', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      await expect(readChaos(`http://127.0.0.1:${port}/__chaos`)).rejects.toMatchObject({ kind: 'unreachable' });
    });
  });

  describe('changeChaos(adminUrl, change)', () => {
    it('PUTs the rates named as probabilities, with the rest of the change, and returns the new settings', async () => {
      const status = await changeChaos(url, { ratePercent: { 'response-lost': 33.3 }, latencyMs: 2_500, resetCounts: true });
      expect(received).toEqual([{ method: 'PUT', body: JSON.stringify({ rates: { 'response-lost': 0.333 }, latencyMs: 2_500, resetCounts: true }) }]);
      expect(status.ratePercent['response-lost']).toBe(33.3);
    });

    it('when no rate is named, sends none', async () => {
      await changeChaos(url, { resetCounts: true });
      expect(received).toEqual([{ method: 'PUT', body: JSON.stringify({ resetCounts: true }) }]);
    });

    it('when the proxy refuses (400 problem), throws an ApiError carrying its detail', async () => {
      answer = {
        status: 400,
        body: { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'fault rates add up to 1.2; they must add up to at most 1' },
      };
      const error = await changeChaos(url, { ratePercent: { latency: 100 } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ title: 'The chaos proxy refused the change', message: expect.stringContaining('add up to at most 1'), status: 400 });
    });
  });
});

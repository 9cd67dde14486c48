import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../api';
import { ChaosAdmin } from './chaos-admin';

// A stand-in for the proxy's admin endpoint on a real socket: it records what it was sent and
// answers what the test says.
type Answer = { status: number; body: unknown };
const SNAPSHOT = {
  rates: { 'request-lost': 0, 'server-failure': 0, 'response-lost': 1, latency: 0 },
  latencyMs: 11_000,
  routes: ['POST /orders'],
  seed: 1,
  counts: { requests: 3, eligible: 1, 'request-lost': 0, 'server-failure': 0, 'response-lost': 1, latency: 0, 'upstream-errors': 0 },
};

describe('ChaosAdmin', () => {
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

  describe('status()', () => {
    it('when the proxy answers, is its settings in the app’s terms', async () => {
      const status = await new ChaosAdmin(url).status();
      expect(status.ratePercent['response-lost']).toBe(100);
      expect(status.injected['response-lost']).toBe(1);
      expect(received).toEqual([{ method: 'GET', body: '' }]);
    });

    it('when the URL answers something else, throws an ApiError saying it is not a chaos proxy', async () => {
      answer = { status: 200, body: { status: 'ok' } };
      await expect(new ChaosAdmin(url).status()).rejects.toMatchObject({ name: 'ApiError', title: 'Not a chaos proxy' });
    });

    it('when nothing listens, throws an ApiError: unreachable', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      await expect(new ChaosAdmin(`http://127.0.0.1:${port}/__chaos`).status()).rejects.toMatchObject({ kind: 'unreachable' });
    });
  });

  describe('change(change)', () => {
    it('when the proxy accepts, PUTs the wire patch and returns the new settings', async () => {
      const status = await new ChaosAdmin(url).change({ ratePercent: { 'response-lost': 100 }, resetCounts: true });
      expect(received).toEqual([{ method: 'PUT', body: JSON.stringify({ rates: { 'response-lost': 1 }, resetCounts: true }) }]);
      expect(status.ratePercent['response-lost']).toBe(100);
    });

    it('when the proxy refuses (400 problem), throws an ApiError carrying its detail', async () => {
      answer = {
        status: 400,
        body: { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'fault rates add up to 1.2; they must add up to at most 1' },
      };
      const error = await new ChaosAdmin(url).change({ ratePercent: { latency: 100 } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ title: 'The chaos proxy refused the change', message: expect.stringContaining('add up to at most 1'), status: 400 });
    });
  });
});

import { ServiceUnavailableException } from '@nestjs/common';
import { Prisma } from '@safe-checkout/db';
import { toProblem } from './to-problem';
import { TransientFailureException } from './transient-failure.exception';

const known = (code: string, message: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: 'test', meta });

// The shapes below are the ones orders.overload.spec.ts provokes for real.
describe('toProblem(error)', () => {
  describe('when the database failed in a way a retry can cure', () => {
    it('maps a transaction that could not start in time (P2028) to 503 with Retry-After 2', () => {
      const problem = toProblem(known('P2028', 'Transaction API error: Unable to start a transaction in the given time.'));

      expect(problem).toBeInstanceOf(TransientFailureException);
      expect(problem).toMatchObject({ reason: 'transaction_start_timeout', headers: { 'Retry-After': '2' } });
      expect(problem?.problem).toMatchObject({ type: '/problems/service-unavailable', status: 503 });
    });

    it('maps a session the server terminated (P2039 carrying SQLSTATE 57P01) to 503 with Retry-After 1', () => {
      const error = known('P2039', 'Database error. Code: `57P01`. Message: `terminating connection due to administrator command`', {
        driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: '57P01', kind: 'postgres', code: '57P01' } },
      });

      expect(toProblem(error)).toMatchObject({ reason: 'connection_lost', headers: { 'Retry-After': '1' } });
    });

    it('maps node-postgres errors without a code by their message', () => {
      expect(toProblem(new Error('timeout exceeded when trying to connect'))).toMatchObject({ reason: 'pool_timeout' });
      expect(toProblem(new Error('Client has encountered a connection error and is not queryable'))).toMatchObject({ reason: 'connection_lost' });
    });
  });

  describe('when a framework 503 arrives (the health check)', () => {
    it('adds Retry-After', () => {
      expect(toProblem(new ServiceUnavailableException())).toMatchObject({ slug: 'service-unavailable', headers: { 'Retry-After': '2' } });
    });
  });

  describe('when the failure is not transient', () => {
    it('leaves an expired transaction and a constraint violation to the 500 path', () => {
      expect(toProblem(known('P2028', 'Transaction API error: A query cannot be executed on an expired transaction.'))).toBeUndefined();
      expect(toProblem(known('P2003', 'Foreign key constraint violated on the constraint: `order_lines_order_id_fkey`'))).toBeUndefined();
    });
  });
});

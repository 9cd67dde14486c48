import { IdempotencyStoreUnavailableError } from './idempotency-store-unavailable.error';

describe('IdempotencyStoreUnavailableError', () => {
  it('carries the connection failure as its cause', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const error = new IdempotencyStoreUnavailableError('could not claim the key', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IdempotencyStoreUnavailableError');
    expect(error).toMatchObject({ message: 'could not claim the key', cause });
  });

  it('has a generic message by default', () => {
    expect(new IdempotencyStoreUnavailableError().message).toBe('the idempotency key store is unavailable');
  });
});

import { LeaseLostError } from './lease-lost.error';

describe('LeaseLostError', () => {
  it('names the scope and key whose lease was lost', () => {
    const error = new LeaseLostError('user-1', 'order-key-1234567');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'LeaseLostError', scope: 'user-1', key: 'order-key-1234567' });
    expect(error.message).toContain('order-key-1234567');
  });
});

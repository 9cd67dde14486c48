import { NO_FAULTS, parseFaultRates, withFaultRates } from './fault-rates';

describe('withFaultRates(current, patch)', () => {
  it('replaces the named rates and keeps the others', () => {
    const rates = withFaultRates({ ...NO_FAULTS, latency: 0.2 }, { 'request-lost': 0.1 });
    expect(rates).toEqual({ 'request-lost': 0.1, 'server-failure': 0, 'response-lost': 0, latency: 0.2 });
  });

  it('accepts rates that add up to exactly 1 despite floating-point residue', () => {
    expect(() => withFaultRates(NO_FAULTS, { 'request-lost': 0.1, 'server-failure': 0.2, 'response-lost': 0.7 })).not.toThrow();
  });

  it.each([
    [{ 'packet-loss': 0.1 }, /unknown fault "packet-loss"/],
    [{ latency: 1.5 }, /latency must be a number in \[0, 1\]/],
    [{ latency: -0.1 }, /latency must be a number/],
    [{ latency: '0.1' }, /latency must be a number/],
    [{ 'request-lost': 0.6, 'response-lost': 0.6 }, /add up to 1.2/],
  ])('rejects %j', (patch, message) => {
    expect(() => withFaultRates(NO_FAULTS, patch)).toThrow(message);
  });
});

describe('parseFaultRates(text)', () => {
  it('reads fault=rate pairs; faults not named are 0', () => {
    expect(parseFaultRates('request-lost=0.1, response-lost = 0.05')).toEqual({ ...NO_FAULTS, 'request-lost': 0.1, 'response-lost': 0.05 });
  });

  it('rejects a pair without a rate', () => {
    expect(() => parseFaultRates('request-lost')).toThrow(/expected fault=rate/);
    expect(() => parseFaultRates('request-lost=')).toThrow(/must be a number/);
  });
});

import { toChaosPatchDto, toChaosStatus, type ChaosSnapshotDto } from './chaos-wire';

const SNAPSHOT: ChaosSnapshotDto = {
  rates: { 'request-lost': 0.1, 'server-failure': 0.25, 'response-lost': 0.333, latency: 0 },
  latencyMs: 11_000,
  routes: ['POST /orders'],
  seed: 1,
  counts: { requests: 40, eligible: 12, 'request-lost': 1, 'server-failure': 3, 'response-lost': 4, latency: 0, 'upstream-errors': 2 },
};

describe('toChaosStatus(body)', () => {
  it('when body is a snapshot, gives the rates in percent and the counts by fault', () => {
    expect(toChaosStatus(SNAPSHOT)).toEqual({
      ratePercent: { 'request-lost': 10, 'server-failure': 25, 'response-lost': 33.3, latency: 0 },
      latencyMs: 11_000,
      routes: ['POST /orders'],
      injected: { 'request-lost': 1, 'server-failure': 3, 'response-lost': 4, latency: 0 },
      requests: 40,
      eligible: 12,
      upstreamErrors: 2,
    });
  });

  it('when a rate is missing or out of range, throws instead of showing a made-up value', () => {
    expect(() => toChaosStatus({ ...SNAPSHOT, rates: { ...SNAPSHOT.rates, latency: undefined } })).toThrow(/latency/);
    expect(() => toChaosStatus({ ...SNAPSHOT, rates: { ...SNAPSHOT.rates, 'request-lost': 7 } })).toThrow(/request-lost/);
  });

  it('when body is something else (the admin URL points elsewhere), throws', () => {
    expect(() => toChaosStatus({ status: 'ok' })).toThrow(TypeError);
    expect(() => toChaosStatus(null)).toThrow(TypeError);
  });
});

describe('toChaosPatchDto(change)', () => {
  it('when rates are given in percent, sends probabilities, only for the faults named', () => {
    expect(toChaosPatchDto({ ratePercent: { 'response-lost': 100, 'request-lost': 33.3 } })).toEqual({ rates: { 'response-lost': 1, 'request-lost': 0.333 } });
  });

  it('when a percent is outside 0–100, clamps it rather than sending what the proxy refuses', () => {
    expect(toChaosPatchDto({ ratePercent: { latency: 140, 'server-failure': -5 } })).toEqual({ rates: { latency: 1, 'server-failure': 0 } });
  });

  it('when the hold time and a reset are asked for, sends whole milliseconds and resetCounts', () => {
    expect(toChaosPatchDto({ latencyMs: 2_500.4, resetCounts: true })).toEqual({ latencyMs: 2_500, resetCounts: true });
  });

  it('when nothing is asked for, sends an empty patch (which changes nothing)', () => {
    expect(toChaosPatchDto({})).toEqual({});
  });
});

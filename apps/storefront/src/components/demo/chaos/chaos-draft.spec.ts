import type { ChaosStatus } from '@/lib/chaos';
import { ALL_FAULTS_OFF, draftChange, draftProblem, shownRates, totalPercent } from './chaos-draft';

const STATUS: ChaosStatus = {
  ratePercent: { 'request-lost': 10, 'server-failure': 0, 'response-lost': 33.3, latency: 0 },
  latencyMs: 11_000,
  routes: ['POST /orders'],
  injected: { 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 },
  requests: 0,
  eligible: 0,
  upstreamErrors: 0,
};

describe('shownRates(status, draft)', () => {
  it('when nothing was edited, is the proxy’s rates', () => {
    expect(shownRates(STATUS, {})).toEqual(STATUS.ratePercent);
  });

  it('when a rate was edited, shows the edit over the proxy’s value', () => {
    expect(shownRates(STATUS, { ratePercent: { latency: 20 } })).toMatchObject({ 'request-lost': 10, latency: 20 });
  });
});

describe('totalPercent(rates)', () => {
  it('adds the rates up to one decimal, without floating-point residue', () => {
    expect(totalPercent({ 'request-lost': 33.3, 'server-failure': 33.3, 'response-lost': 33.4, latency: 0 })).toBe(100);
  });
});

describe('draftProblem(status, draft)', () => {
  it('when the rates add up to at most 100 % and the hold time is valid, is null', () => {
    expect(draftProblem(STATUS, { ratePercent: { 'server-failure': 56.7 } })).toBeNull();
  });

  it('when the rates add up to more than 100 %, says so with the total', () => {
    expect(draftProblem(STATUS, { ratePercent: { latency: 60 } })).toMatch(/103\.3 %.*at most 100 %/);
  });

  it('when the rates of another hop add up to more than 100 %, names its attempts', () => {
    expect(draftProblem(STATUS, { ratePercent: { latency: 60 } }, 'charge attempt')).toMatch(/each charge attempt gets at most one fault/);
  });

  it('when the hold time is blank, negative or beyond the proxy’s limit, asks for 0 to 120 s', () => {
    for (const latencySeconds of ['', '-1', '121', 'soon']) expect(draftProblem(STATUS, { latencySeconds })).toMatch(/0 to 120/);
  });
});

describe('draftChange(status, draft)', () => {
  it('when nothing differs from the proxy, is null (nothing to apply)', () => {
    expect(draftChange(STATUS, {})).toBeNull();
    expect(draftChange(STATUS, { ratePercent: { 'request-lost': 10 }, latencySeconds: '11' })).toBeNull();
  });

  it('when some rates and the hold time changed, names only those', () => {
    expect(draftChange(STATUS, { ratePercent: { 'request-lost': 10, 'response-lost': 100 }, latencySeconds: '2.5' })).toEqual({
      ratePercent: { 'response-lost': 100 },
      latencyMs: 2_500,
    });
  });
});

describe('ALL_FAULTS_OFF', () => {
  it('sets every fault to 0 %', () => {
    expect(ALL_FAULTS_OFF.ratePercent).toEqual({ 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 });
  });
});

import type { ChaosStatus } from '@/lib/chaos/chaos-admin';
import { ALL_FAULTS_OFF, readDraft } from './chaos-form';

const NO_COUNTS = { requests: 0, eligible: 0, 'upstream-errors': 0, 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 };
const STATUS: ChaosStatus = {
  ratePercent: { 'request-lost': 10, 'server-failure': 0, 'response-lost': 33.3, latency: 0 },
  latencyMs: 11_000,
  routes: ['POST /orders'],
  counts: NO_COUNTS,
};

describe('readDraft(status, draft, attempt)', () => {
  it('when nothing was edited, shows the proxy’s settings and has nothing to apply', () => {
    expect(readDraft(STATUS, {}, 'order attempt')).toEqual({ rates: STATUS.ratePercent, holdSeconds: '11', total: 43.3, problem: null, change: null });
  });

  it('when the edits equal the proxy’s settings, has nothing to apply', () => {
    expect(readDraft(STATUS, { ratePercent: { 'request-lost': 10 }, holdSeconds: '11' }, 'order attempt').change).toBeNull();
  });

  it('when some rates and the hold time were edited, shows the edits over the proxy’s values and applies only what differs', () => {
    const read = readDraft(STATUS, { ratePercent: { 'request-lost': 10, 'response-lost': 100, latency: 0 }, holdSeconds: '2.5' }, 'order attempt');
    expect(read.rates).toMatchObject({ 'request-lost': 10, 'response-lost': 100 });
    expect(read.change).toEqual({ ratePercent: { 'response-lost': 100 }, latencyMs: 2_500 });
  });

  it('adds the rates up to one decimal, without floating-point residue', () => {
    expect(readDraft(STATUS, { ratePercent: { 'request-lost': 33.3, 'server-failure': 33.3, 'response-lost': 33.4 } }, 'order attempt')).toMatchObject({
      total: 100,
      problem: null,
    });
  });

  it('when the rates add up to more than 100 %, says so with the total, naming the hop’s attempts', () => {
    expect(readDraft(STATUS, { ratePercent: { latency: 60 } }, 'charge attempt').problem).toMatch(
      /103\.3 %: each charge attempt gets at most one fault.*at most 100 %/,
    );
  });

  it.each(['', '-1', 'soon'])('when the hold time is %j, asks for a number of seconds, 0 or more', (holdSeconds) => {
    expect(readDraft(STATUS, { holdSeconds }, 'order attempt').problem).toBe('The hold time must be a number of seconds, 0 or more.');
  });
});

describe('ALL_FAULTS_OFF', () => {
  it('sets every fault to 0 %', () => {
    expect(ALL_FAULTS_OFF.ratePercent).toEqual({ 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 });
  });
});

import { abuseCpuPerAnswer, windowCpuRow, type WindowCpu } from './window-cpu';

const cpu = (apiMs: number, benchMs = 0): WindowCpu => ({ seconds: 8, benchMs, apiMs: [apiMs / 2, apiMs / 2], sandboxMs: 0, postgresMs: 0 });

describe('windowCpuRow(label, cpu)', () => {
  it('gives each process its cores busy over the window, then their total', () => {
    const row = windowCpuRow('alone', { seconds: 2, benchMs: 500, apiMs: [1000, 800], sandboxMs: 200, postgresMs: 600 });
    expect(row).toEqual(['alone', '0.25', '0.50 + 0.40', '0.10', '0.30', '1.55']);
  });
});

describe('abuseCpuPerAnswer(beside, alones, answers)', () => {
  it('deducts the checkouts beside the abuse at the alone windows’ CPU per checkout', () => {
    const perAnswer = abuseCpuPerAnswer(
      { cpu: cpu(2000, 900), checkouts: 50 },
      [
        { cpu: cpu(2000, 400), checkouts: 100 },
        { cpu: cpu(4000, 400), checkouts: 100 },
      ],
      1000,
    );
    // 30 ms of API per checkout alone: 2000 − 50 × 30 = 500 ms for 1 000 answers; bench: 900 − 50 × 4 = 700.
    expect(perAnswer.api).toBeCloseTo(0.5);
    expect(perAnswer.bench).toBeCloseTo(0.7);
  });
  it('is NaN without an answer to divide by', () => {
    expect(abuseCpuPerAnswer({ cpu: cpu(2000), checkouts: 50 }, [{ cpu: cpu(2000), checkouts: 100 }], 0).api).toBeNaN();
  });
});

import { IDEMPOTENCY_PROBLEMS } from './idempotency-problems';

describe('IDEMPOTENCY_PROBLEMS', () => {
  // The table of http-contract.md, "Idempotency-Key semantics".
  it.each([
    ['idempotency-key-missing', 400],
    ['idempotency-key-invalid', 400],
    ['idempotency-key-reused', 422],
    ['idempotency-request-in-progress', 409],
    ['idempotency-store-unavailable', 503],
  ] as const)('answers %s with status %i', (slug, status) => {
    expect(IDEMPOTENCY_PROBLEMS[slug].status).toBe(status);
  });

  it('gives every problem its own title and an explanation of what to do', () => {
    const problems = Object.values(IDEMPOTENCY_PROBLEMS);
    expect(new Set(problems.map((problem) => problem.title)).size).toBe(problems.length);
    for (const problem of problems) expect(problem.explanation.length).toBeGreaterThan(problem.title.length);
  });
});

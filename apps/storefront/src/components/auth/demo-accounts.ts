/** The seeded demo customers (for the demo only; the README says so too). */
export const DEMO_ACCOUNTS = [
  { name: 'Alice', email: 'alice@example.com' },
  { name: 'Bob', email: 'bob@example.com' },
] as const;

export const DEMO_PASSWORD = 'demo-password';

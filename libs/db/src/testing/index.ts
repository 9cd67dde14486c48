export { createTestDatabase } from './test-database';
export type { TestDatabase, TestDatabaseOptions } from './test-database';
export { testDatabaseUrl } from './test-database-url';

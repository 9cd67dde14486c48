/** The URL of this Jest run's database (see jest-global-setup). */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is unset: add libs/db testing globalSetup to this Jest project');
  return url;
}

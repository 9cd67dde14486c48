// Prisma CLI configuration (Prisma 7 keeps the connection URL out of the schema).
// `prisma generate` needs no database; `prisma migrate` users set DATABASE_URL.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/safe_checkout' },
});

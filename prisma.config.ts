import { defineConfig } from 'prisma/config';

// Only `prisma generate|validate|format` run here; migrations are committed SQL applied by
// `node dist/main.js migrate` (Prisma's schema engine cannot be downloaded on these machines).
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/lynara' },
});

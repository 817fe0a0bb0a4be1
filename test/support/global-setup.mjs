// Creates and migrates this run's database with the real command (`node dist/main.js migrate`,
// what `npm run db:migrate` runs), and empties the suite's Redis database.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';

export default async function globalSetup() {
  if (!existsSync('dist/main.js')) throw new Error('Build first: npm run build (npm test does it for you)');
  const db = process.env.LYNARA_TEST_DB ?? `lynara_test_${process.pid}`;
  process.env.LYNARA_TEST_DB = db;
  execFileSync('node', ['dist/main.js', 'migrate'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${db}`,
      APP_DATABASE_URL: `postgresql://lynara_app:lynara_app@127.0.0.1:5432/${db}`,
    },
  });
  const redis = new Redis(`redis://127.0.0.1:6379/${process.env.LYNARA_TEST_REDIS_DB ?? '9'}`);
  await redis.flushdb();
  await redis.quit();
}

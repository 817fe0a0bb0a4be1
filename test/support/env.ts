/** Where the integration suite runs: its own database per run, a Redis database of its own. */
export const TEST_DB = process.env.LYNARA_TEST_DB ?? `lynara_test_${process.pid}`;
export const OWNER_URL = `postgresql://postgres@127.0.0.1:5432/${TEST_DB}`;
export const APP_URL = `postgresql://lynara_app:lynara_app@127.0.0.1:5432/${TEST_DB}`;
/** Overridable so two checkouts can run their suites side by side without flushing each other's queues. */
export const REDIS_URL = `redis://127.0.0.1:6379/${process.env.LYNARA_TEST_REDIS_DB ?? '9'}`;

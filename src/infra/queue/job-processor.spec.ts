import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { ClsServiceManager } from 'nestjs-cls';
import { z } from 'zod';
import { type JobHandlers, JobProcessor } from './job-processor.js';

const SCHEMAS = {
  greet: z.object({ tenantId: z.guid(), name: z.string().min(1) }),
  tick: z.object({}),
};

class TestProcessor extends JobProcessor<typeof SCHEMAS> {
  seen: { data: unknown; correlation?: string; tenantId?: string }[] = [];
  protected readonly schemas = SCHEMAS;
  protected readonly handlers: JobHandlers<typeof SCHEMAS> = {
    greet: async (data) => {
      const cls = ClsServiceManager.getClsService();
      this.seen.push({ data, correlation: cls.getId(), tenantId: cls.get('tenantId') });
      return `hello ${data.name}`;
    },
    tick: async () => 'ticked',
  };
}

const job = (name: string, data: unknown) => ({ id: '42', name, data, queueName: 'test' }) as unknown as Job;
const TENANT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('JobProcessor', () => {
  it('runs the handler with the parsed payload, in a context naming the job and its tenant', async () => {
    const p = new TestProcessor();
    await expect(p.process(job('greet', { tenantId: TENANT, name: 'Claire', extra: 'dropped' }))).resolves.toBe('hello Claire');
    expect(p.seen).toEqual([{ data: { tenantId: TENANT, name: 'Claire' }, correlation: 'job:test:42', tenantId: TENANT }]);
    await expect(p.process(job('tick', {}))).resolves.toBe('ticked');
  });

  it('fails a payload that does not fit, or an unknown job, without retries', async () => {
    const p = new TestProcessor();
    await expect(p.process(job('greet', { tenantId: 'not-a-uuid', name: 'x' }))).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(p.process(job('greet', { tenantId: TENANT }))).rejects.toThrow(/payload of job "greet" is not valid/);
    await expect(p.process(job('toString', {}))).rejects.toThrow(new UnrecoverableError('No handler for job "toString" on queue test'));
    expect(p.seen).toEqual([]);
  });
});

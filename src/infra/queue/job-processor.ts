import { WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { CLS_ID, ClsServiceManager } from 'nestjs-cls';
import type { z } from 'zod';
import { dbActor } from '../database/db-actor.js';

/** A queue's contract: each job name and the schema its payload must satisfy. */
export type JobSchemas = Record<string, z.ZodType>;
export type JobsOf<S extends JobSchemas> = { [K in keyof S]: z.infer<S[K]> };

/**
 * One handler per job name of a queue. The mapped type makes a missing handler (or one for a
 * job the queue does not define) a compile error; handlers receive the payload already parsed.
 */
export type JobHandlers<S extends JobSchemas> = { [K in keyof S]: (data: z.infer<S[K]>, job: Job) => Promise<unknown> };

/**
 * Base of every BullMQ processor: parses the payload at the edge (a payload that does not fit
 * fails at once, without retries), and runs the handler in its own request context, so log
 * lines and audit entries carry the job's id (as their correlation id) and its tenant.
 */
export abstract class JobProcessor<S extends JobSchemas> extends WorkerHost implements BeforeApplicationShutdown {
  protected readonly jobLogger = new Logger(this.constructor.name);
  /** The queue's contract (from infra/queue/queues.ts). */
  protected abstract readonly schemas: S;
  /** Arrow functions calling the subclass's services: `this` is read when a job runs. */
  protected abstract readonly handlers: JobHandlers<S>;

  /**
   * Stops taking jobs and lets the running ones finish before anything else shuts down: Nest
   * closes database pools and Redis in onApplicationShutdown, after this hook, whereas BullMQ's
   * own close of the worker comes in that same later phase, too late for a job mid-flight.
   */
  async beforeApplicationShutdown(): Promise<void> {
    let worker;
    try {
      worker = this.worker;
    } catch {
      return; // never started (no Redis at boot)
    }
    await worker.close();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as keyof S & string;
    const schema = Object.hasOwn(this.schemas, name) ? this.schemas[name] : undefined;
    if (!schema) throw new UnrecoverableError(`No handler for job "${job.name}" on queue ${job.queueName}`);
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      this.jobLogger.error({ jobId: job.id, job: job.name, issues: parsed.error.issues.slice(0, 5) }, 'job payload does not fit its schema');
      throw new UnrecoverableError(`The payload of job "${job.name}" is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const data = parsed.data as z.infer<S[typeof name]>;
    const cls = ClsServiceManager.getClsService();
    return cls.run(async () => {
      cls.set(CLS_ID, `job:${job.queueName}:${job.id}`);
      const tenantId = (data as { tenantId?: unknown })?.tenantId;
      if (typeof tenantId === 'string') cls.set('tenantId', tenantId);
      cls.set('dbActor', dbActor('system', name));
      return this.handlers[name](data, job);
    });
  }
}

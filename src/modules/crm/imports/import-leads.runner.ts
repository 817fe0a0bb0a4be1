import { PassThrough } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import type { CrmJobs } from '../../../infra/queue/queues.js';
import { FILE_STORE, type FileStore } from '../../../infra/storage/file-store.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { CustomFieldsService } from '../custom-fields/custom-fields.service.js';
import { EnrichmentService } from '../enrichment/enrichment.service.js';
import { applyMapping, checkRowShape, createCsvParser, decodingStream, type NormalisedLead, RejectReport, validateRow } from '../import/index.js';
import { reportFileKey, type StoredMapping, stringToField } from './lead-imports.service.js';
import { type BatchOutcome, LeadImportsRepository } from './lead-imports.repository.js';

const BATCH = 5000;

interface Counts extends Omit<BatchOutcome, 'touched'> {
  processed: number;
  rejected: number;
}

/**
 * The worker side of a lead import: streams the stored file through decode → parse → map →
 * validate, writes valid rows in batches (upsert by email, so a restarted import — after a
 * crash, BullMQ hands a stalled job to another worker — creates no duplicates), writes
 * rejected rows with their reasons to a downloadable report, and reports progress.
 * Memory stays bounded: one batch and the parser's current record.
 */
@Injectable()
export class ImportLeadsRunner {
  private readonly logger = new Logger(ImportLeadsRunner.name);

  constructor(
    @Inject(FILE_STORE) private readonly files: FileStore,
    private readonly prisma: PrismaService,
    private readonly repo: LeadImportsRepository,
    private readonly jobs: JobsService,
    private readonly customFields: CustomFieldsService,
    private readonly enrichment: EnrichmentService,
  ) {}

  run(job: Job<CrmJobs['import-leads']>) {
    const { tenantId, importId } = job.data;
    return this.jobs.track(job, async (report) => {
      const imp = await this.prisma.scoped({ tenantId }, async (tx) => {
        const row = await this.repo.find(tx, tenantId, importId);
        if (row) await this.repo.update(tx, importId, { status: 'running', startedAt: new Date(), error: null });
        return row;
      });
      if (!imp) throw new Error(`import ${importId} not found`);
      try {
        const counts = await this.process(tenantId, imp.id, imp.fileKey, imp.encoding as never, imp.delimiter as never, imp.headers, imp.mapping as StoredMapping, imp.fileName, report);
        await this.prisma.scoped({ tenantId }, (tx) =>
          this.repo.update(tx, importId, {
            status: 'completed',
            finishedAt: new Date(),
            totalRows: counts.processed,
            createdCount: counts.created,
            updatedCount: counts.updated,
            unchangedCount: counts.unchanged,
            rejectedCount: counts.rejected,
            reportKey: counts.rejected ? reportFileKey(tenantId, importId) : null,
          }),
        );
        return counts;
      } catch (err) {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        await this.prisma.scoped({ tenantId }, (tx) =>
          this.repo.update(tx, importId, { status: final ? 'failed' : 'queued', error: (err as Error).message.slice(0, 1000), finishedAt: final ? new Date() : null }),
        );
        throw err;
      }
    });
  }

  private async process(
    tenantId: string,
    importId: string,
    fileKey: string,
    encoding: Parameters<typeof decodingStream>[0],
    delimiter: ',' | ';' | '\t' | '|',
    headers: string[],
    mapping: StoredMapping,
    fileName: string,
    report: (progress: object) => Promise<void>,
  ): Promise<Counts> {
    const source = await this.files.read(fileKey);
    if (!source) throw new Error('the uploaded file is no longer available');
    const schema = await this.prisma.scoped({ tenantId }, (tx) => this.customFields.schema(tx, tenantId));
    const columns = mapping.map((m) => ({ column: m.column, field: stringToField(m.field) }));

    const reportStream = new PassThrough();
    const reportDone = this.files.write(reportFileKey(tenantId, importId), reportStream);
    const rejects = new RejectReport(reportStream, { headers, delimiter: delimiter === '\t' ? ',' : delimiter });
    const counts: Counts = { processed: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const consentSource = `import:${fileName}`.slice(0, 100);
    let batch = new Map<string, NormalisedLead>();

    // One batch is written while the next is parsed and validated: the two halves of the work
    // (CPU here, I/O in PostgreSQL) overlap, with at most one write in flight.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (!batch.size) return;
      const rows = [...batch.values()];
      batch = new Map();
      await writing;
      writing = this.repo.upsertBatch(tenantId, rows, consentSource).then(async (outcome) => {
        counts.created += outcome.created;
        counts.updated += outcome.updated;
        counts.unchanged += outcome.unchanged;
        await this.enrichment.enrichLater(tenantId, outcome.touched);
        await report({ ...counts });
      });
      // Surface a failed write at once rather than at the next batch.
      writing.catch(() => undefined);
    };

    const parser = createCsvParser({
      delimiter,
      onMalformed: (m) => {
        counts.processed++;
        counts.rejected++;
        void rejects.add(m.line, [], [{ code: m.code, message: m.message }]);
      },
    });
    source.pipe(decodingStream(encoding)).pipe(parser);
    let header = true;
    for await (const record of parser as AsyncIterable<{ line: number; cells: string[] }>) {
      if (header) {
        header = false;
        continue;
      }
      counts.processed++;
      const shape = checkRowShape(record.cells, headers.length);
      if (!shape.ok) {
        counts.rejected++;
        await rejects.add(record.line, record.cells, [{ code: shape.code, message: shape.message }]);
        continue;
      }
      const result = validateRow(applyMapping(shape.cells, columns), { customFieldTypes: schema.types, selectOptions: schema.options });
      if (!result.ok) {
        counts.rejected++;
        await rejects.add(record.line, record.cells, result.errors);
        continue;
      }
      // Within a batch the last row for an email (or phone) wins, as a later batch would.
      const lead = result.lead;
      batch.set(lead.email ? `e:${lead.email}` : `p:${lead.phone}`, lead);
      if (batch.size >= BATCH) await flush();
    }
    await flush();
    await writing;
    await rejects.finish();
    await reportDone;
    if (!counts.rejected) await this.files.delete(reportFileKey(tenantId, importId));
    this.logger.log({ tenantId, importId, ...counts }, 'lead import finished');
    return counts;
  }
}

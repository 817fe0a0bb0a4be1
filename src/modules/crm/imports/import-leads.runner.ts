import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { dbActor, setDbActor } from '../../../infra/database/db-actor.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import type { CrmJobs } from '../../../infra/queue/queues.js';
import { FILE_STORE, type FileStore } from '../../../infra/storage/file-store.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { CustomFieldsService } from '../custom-fields/custom-fields.service.js';
import { EnrichmentService } from '../enrichment/enrichment.service.js';
import { WorkspaceSettingsService } from '../../auth/workspace-settings.service.js';
import { completeLocation, type FrenchPostalCodes, frenchPostalCodes, inferTimezone } from '../lead-location.js';
import type { LeadImport } from '../../../generated/prisma/client.js';
import { applyMapping, type CellWarning, type CountryCode, checkRowShape, type CsvEncoding, createCsvParser, decodingStream, LeadBatch, type NormalisedLead, RejectReport, validateRow, WarningReport } from '../import/index.js';
import { reportFileKey, type StoredMapping, stringToField, warningsFileKey } from './lead-imports.service.js';
import { type BatchOutcome, LeadImportsRepository } from './lead-imports.repository.js';

const BATCH = 5000;
/** Warnings kept on the import row for the app to show; the report has them all. */
const WARNING_SAMPLES = 50;

/**
 * processed = created + updated + unchanged + merged + rejected. `warned` rows are among the
 * first four (kept, with `warningCells` values left out in all).
 */
interface Counts extends BatchOutcome {
  processed: number;
  rejected: number;
  merged: number;
  warned: number;
  warningCells: number;
  /** Share of the file read, 0–99 while running (the row count is only known at the end). */
  percent: number;
}

/**
 * The worker side of a lead import: streams the stored file through decode → parse → map →
 * validate, writes identifiable rows in batches (upsert by email; rows of the same lead in a
 * batch merged first), writes rejected rows with their reasons and the values left out of kept
 * rows (cell by cell) to two downloadable reports, and reports progress. Each batch commits a checkpoint
 * with its rows, so an import restarted after a crash (BullMQ hands a stalled job to another
 * worker) or a failed attempt resumes after the last committed batch; and since the upsert is
 * idempotent, even rows written twice create no duplicates.
 * Memory stays bounded: at most three batches (two being written) and the parser's record.
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
    private readonly workspace: WorkspaceSettingsService,
  ) {}

  run(job: Job<CrmJobs['import-leads']>) {
    const { tenantId, importId } = job.data;
    return this.jobs.track(job, async (report) => {
      const imp = await this.prisma.scoped({ tenantId }, async (tx) => {
        const row = await this.repo.find(tx, tenantId, importId);
        // A resumed import keeps the time of its first start: what it changed since then gets enriched.
        return row && this.repo.update(tx, importId, { status: 'running', startedAt: row.startedAt ?? new Date(), error: null });
      });
      if (!imp) throw new Error(`import ${importId} not found`);
      setDbActor(dbActor('import', importId, imp.fileName));
      try {
        const { counts, samples } = await this.process(imp, report);
        await this.prisma.scoped({ tenantId }, (tx) =>
          this.repo.update(tx, importId, {
            status: 'completed',
            finishedAt: new Date(),
            totalRows: counts.processed,
            createdCount: counts.created,
            updatedCount: counts.updated,
            unchangedCount: counts.unchanged,
            rejectedCount: counts.rejected,
            mergedCount: counts.merged,
            warnedCount: counts.warned,
            warningCells: counts.warningCells,
            warningSamples: samples as object[],
            reportKey: counts.rejected ? reportFileKey(tenantId, importId) : null,
            warningsKey: counts.warningCells ? warningsFileKey(tenantId, importId) : null,
          }),
        );
        if (counts.created || counts.updated) await this.enrichment.enrichChangedSinceLater(tenantId, imp.startedAt!);
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

  private async process(imp: LeadImport, report: (progress: object) => Promise<void>): Promise<{ counts: Counts; samples: CellWarning[] }> {
    const { tenantId } = imp;
    const file = await this.files.read(imp.fileKey);
    if (!file) throw new Error('the uploaded file is no longer available');
    const schema = await this.prisma.scoped({ tenantId }, (tx) => this.customFields.schema(tx, tenantId));
    const { defaultCountry } = await this.workspace.get(tenantId);
    // Loaded once, and only when the file has postal codes to look up.
    const postal: FrenchPostalCodes = (imp.mapping as StoredMapping).some((m) => m.field === 'postalCode') ? await frenchPostalCodes() : new Map();
    // A lead this import creates without a country gets the workspace's, and the time zone that goes with it.
    const completeNew = defaultCountry
      ? (lead: NormalisedLead): NormalisedLead => (lead.country ? lead : { ...lead, country: defaultCountry, timezone: lead.timezone ?? inferTimezone(defaultCountry, lead.postalCode) ?? undefined })
      : undefined;
    const mapping = imp.mapping as StoredMapping;
    const columns = mapping.map((m) => ({ column: m.column, field: stringToField(m.field) }));
    // validateRow names fields (`email`, `customFields.budget`); warnings name the file's column.
    const columnOf = new Map(mapping.filter((m) => m.field).map((m) => [m.field!.startsWith('customField:') ? `customFields.${m.field!.slice(12)}` : m.field!, m]));
    const delimiter = imp.delimiter as ',' | ';' | '\t' | '|';

    // The reports are rebuilt from the whole file on every run; rows up to the checkpoint are
    // validated and batched again (for the reports and counts) but not written again: batches
    // close at the same rows on every run, so a checkpoint is always the end of a batch.
    const resumeAfter = imp.resumeLine;
    if (resumeAfter) this.logger.log({ tenantId, importId: imp.id, resumeAfter }, 'lead import resumes after its last committed batch');
    const reportStream = new PassThrough();
    const reportDone = this.files.write(reportFileKey(tenantId, imp.id), reportStream);
    const rejects = new RejectReport(reportStream, { headers: imp.headers, delimiter: delimiter === '\t' ? ',' : delimiter });
    const warningStream = new PassThrough();
    const warningsDone = this.files.write(warningsFileKey(tenantId, imp.id), warningStream);
    const warnings = new WarningReport(warningStream, { delimiter: delimiter === '\t' ? ',' : delimiter });
    const samples: CellWarning[] = [];
    const counts: Counts = {
      processed: 0,
      rejected: 0,
      merged: 0,
      warned: 0,
      warningCells: 0,
      percent: 0,
      created: resumeAfter ? imp.createdCount : 0,
      updated: resumeAfter ? imp.updatedCount : 0,
      unchanged: resumeAfter ? imp.unchangedCount : 0,
    };
    const writer = new BatchWriter(this.repo, imp.id, tenantId, `import:${imp.fileName}`.slice(0, 100), completeNew, async (outcome) => {
      counts.created += outcome.created;
      counts.updated += outcome.updated;
      counts.unchanged += outcome.unchanged;
      await report({ ...counts });
    });
    await report({ ...counts });
    // Progress by bytes read: the number of rows is only known once the file has been read.
    const size = Number(imp.sizeBytes) || 1;
    let bytesRead = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytesRead += chunk.length;
        counts.percent = Math.min(99, Math.floor((bytesRead / size) * 100));
        done(null, chunk);
      },
    });

    const parser = createCsvParser({
      delimiter,
      onMalformed: (m) => {
        counts.processed++;
        counts.rejected++;
        // Called from inside the parser, which cannot wait: a report that fails is thrown by rejects.finish().
        rejects.add(m.line, [], [{ code: m.code, message: m.message }]).catch(() => undefined);
      },
    });
    const parsing = pipeline(file.stream, meter, decodingStream(imp.encoding as CsvEncoding), parser);
    // A read or decoding failure destroys the parser with that error, which the loop below
    // throws; leaving the loop early destroys the parser, which stops the reading.
    parsing.catch(() => undefined);
    try {
      let header = true;
      let batch = new LeadBatch();
      let batchEnd = 0;
      const flush = async () => {
        counts.merged += batch.merged;
        if (batchEnd > resumeAfter) await writer.write(batch.leads(), batchEnd);
        batch = new LeadBatch();
      };
      for await (const record of parser as AsyncIterable<{ line: number; cells: string[] }>) {
        if (header) {
          header = false;
          continue;
        }
        counts.processed++;
        const shape = checkRowShape(record.cells, imp.headers.length);
        if (!shape.ok) {
          counts.rejected++;
          await rejects.add(record.line, record.cells, [{ code: shape.code, message: shape.message }]);
          continue;
        }
        const result = validateRow(applyMapping(shape.cells, columns), { defaultCountry: (defaultCountry ?? 'FR') as CountryCode, customFieldTypes: schema.types, selectOptions: schema.options });
        if (!result.ok) {
          counts.rejected++;
          await rejects.add(record.line, record.cells, result.errors);
          continue;
        }
        if (result.warnings.length) {
          counts.warned++;
          // In the file's column order, as the marketer reads the row.
          const cells = result.warnings.map((w): CellWarning => {
            const at = columnOf.get(w.field);
            return { line: record.line, column: at?.column ?? -1, header: at?.header ?? w.field, value: at ? (shape.cells[at.column] ?? '') : '', code: w.code, message: w.message };
          });
          for (const cell of cells.sort((x, y) => x.column - y.column)) {
            counts.warningCells++;
            if (samples.length < WARNING_SAMPLES) samples.push(cell);
            await warnings.add(cell);
          }
        }
        batch.add(withLocation(result.lead, postal, defaultCountry));
        batchEnd = record.line;
        if (batch.size >= BATCH) await flush();
      }
      if (batch.size) await flush();
      await writer.finish();
      await rejects.finish();
      await warnings.finish();
      await reportDone;
      await warningsDone;
    } catch (err) {
      // The reports are dropped (their temporary files removed) and the batches in flight settle
      // before the job is marked failed or retried.
      reportStream.destroy(err as Error);
      warningStream.destroy(err as Error);
      await reportDone.catch(() => undefined);
      await warningsDone.catch(() => undefined);
      await writer.finish().catch(() => undefined);
      throw err;
    }
    if (!counts.rejected) await this.files.delete(reportFileKey(tenantId, imp.id));
    if (!counts.warningCells) await this.files.delete(warningsFileKey(tenantId, imp.id));
    counts.percent = 100;
    this.logger.log({ tenantId, importId: imp.id, ...counts }, 'lead import finished');
    return { counts, samples };
  }
}

/**
 * Keeps up to two batch writes in flight, so PostgreSQL works on one batch while the next is
 * written and this process parses the one after (on two cores: about 1.3x the rows/s of one
 * write at a time). Two rules keep the result that of a sequential run: a batch that shares an
 * email or phone with a batch in flight waits for it (the later row must win, and a phone-only
 * row must see the lead an earlier row created), and each batch commits its checkpoint only
 * after the previous batch has committed.
 */
class BatchWriter {
  private readonly inFlight: { keys: Set<string>; done: Promise<void> }[] = [];
  private failure: unknown = null;

  constructor(
    private readonly repo: LeadImportsRepository,
    private readonly importId: string,
    private readonly tenantId: string,
    private readonly consentSource: string,
    private readonly completeNew: ((lead: NormalisedLead) => NormalisedLead) | undefined,
    private readonly onCommitted: (outcome: BatchOutcome) => Promise<void>,
  ) {}

  async write(rows: NormalisedLead[], lastLine: number): Promise<void> {
    const keys = new Set<string>();
    for (const r of rows) {
      if (r.email) keys.add(`e:${r.email}`);
      if (r.phone) keys.add(`p:${r.phone}`);
    }
    while (this.inFlight.length >= MAX_WRITES_IN_FLIGHT || this.inFlight.some((w) => overlaps(w.keys, keys))) {
      await this.inFlight[0]!.done.catch(() => undefined);
      this.inFlight.shift();
    }
    this.throwIfFailed();
    const previous = this.inFlight.at(-1)?.done ?? Promise.resolve();
    const done = this.repo
      .upsertBatch(this.tenantId, rows, this.consentSource, { importId: this.importId, line: lastLine, after: previous }, this.completeNew)
      .then((outcome) => this.onCommitted(outcome))
      .catch((err: unknown) => {
        this.failure ??= err;
        throw err;
      });
    // Failures surface at the next write or at finish(), not as unhandled rejections.
    done.catch(() => undefined);
    this.inFlight.push({ keys, done });
  }

  async finish(): Promise<void> {
    await Promise.allSettled(this.inFlight.map((w) => w.done));
    this.inFlight.length = 0;
    this.throwIfFailed();
  }

  private throwIfFailed() {
    if (this.failure) throw this.failure;
  }
}

const MAX_WRITES_IN_FLIGHT = 2;

/**
 * City and region a row's postal code tells (read in the row's country, else the workspace's, as
 * its format was checked), and the time zone its own country tells, where the row has none.
 */
function withLocation(lead: NormalisedLead, postal: FrenchPostalCodes, defaultCountry: string | null): NormalisedLead {
  if (!lead.country && !lead.postalCode) return lead;
  const country = lead.country ?? defaultCountry;
  const fill = completeLocation({ country, postalCode: lead.postalCode ?? null, city: lead.city ?? null, region: lead.region ?? null, timezone: lead.timezone ?? null }, postal);
  // An assumed country does not set the time zone of a lead that may already have one (new leads get it in completeNew).
  if (!lead.country) delete fill.timezone;
  if (!Object.keys(fill).length) return lead;
  return { ...lead, ...Object.fromEntries(Object.entries(fill).filter(([, v]) => v)) };
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}

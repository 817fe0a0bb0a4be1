import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Actor } from '../../../common/auth/actor.js';
import { CommonError } from '../../../common/errors/domain-error.js';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import type { LeadImport } from '../../../generated/prisma/client.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { type CrmJobs, QUEUES } from '../../../infra/queue/queues.js';
import { FILE_STORE, type FileStore } from '../../../infra/storage/file-store.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { CrmError } from '../crm.errors.js';
import { CustomFieldsService } from '../custom-fields/custom-fields.service.js';
import { type CellWarning, createCsvParser, decodingStream, type ColumnMapping, type LeadField, sniffCsv, suggestMapping } from '../import/index.js';
import type { ColumnMappingInputDto } from './lead-import.dto.js';
import { LeadImportsRepository } from './lead-imports.repository.js';

const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_ROWS = 5;

const formatBytes = (n: number) => (n >= 1048576 ? `${Math.round(n / 1048576)} MB` : `${Math.ceil(n / 1024)} KB`);

export const importFileKey = (tenantId: string, id: string) => `${tenantId}/${id}/upload.csv`;
export const reportFileKey = (tenantId: string, id: string) => `${tenantId}/${id}/rejected.csv`;
export const warningsFileKey = (tenantId: string, id: string) => `${tenantId}/${id}/warnings.csv`;

const alreadyStarted = () => new CrmError('IMPORT_ALREADY_STARTED', 'This import has already been started.');

/** Stored mapping entries: LeadField as a string (`customField:<key>` for custom fields). */
export type StoredMapping = { column: number; header: string; field: string | null; confidence: number }[];
export const fieldToString = (f: LeadField | null): string | null => (f === null ? null : typeof f === 'string' ? f : `customField:${f.customField}`);
export const stringToField = (s: string | null): LeadField | null => (s === null ? null : s.startsWith('customField:') ? { customField: s.slice(12) } : (s as LeadField));

export function toImportDto(row: LeadImport) {
  return {
    id: row.id,
    fileName: row.fileName,
    sizeBytes: Number(row.sizeBytes),
    encoding: row.encoding,
    delimiter: row.delimiter,
    headers: row.headers,
    mapping: (row.mapping ?? []) as StoredMapping,
    status: row.status,
    jobId: row.jobId,
    totalRows: row.totalRows,
    created: row.createdCount,
    updated: row.updatedCount,
    unchanged: row.unchangedCount,
    rejected: row.rejectedCount,
    merged: row.mergedCount,
    warned: row.warnedCount,
    warningCells: row.warningCells,
    warningSamples: row.warningSamples as unknown as CellWarning[],
    hasReport: Boolean(row.reportKey) && !row.reportDeletedAt,
    hasWarningsReport: Boolean(row.warningsKey) && !row.reportDeletedAt,
    fileDeletedAt: row.fileDeletedAt,
    reportDeletedAt: row.reportDeletedAt,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

/**
 * Lead CSV import, the API side: the upload is streamed to the file store (bounded memory,
 * capped size) while its first bytes are sniffed for encoding, delimiter and headers; the
 * marketer checks the suggested column mapping, then starts the job the worker runs
 * (ImportLeadsRunner) and follows it through GET /jobs/:id.
 */
@Injectable()
export class LeadImportsService {
  private readonly logger = new Logger(LeadImportsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @InjectQueue(QUEUES.crm) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly repo: LeadImportsRepository,
    private readonly jobs: JobsService,
    private readonly customFields: CustomFieldsService,
    private readonly audit: AuditLogService,
  ) {}

  async upload(tenantId: string, actor: Actor, fileName: string, body: Readable) {
    const id = randomUUID();
    const key = importFileKey(tenantId, id);
    let sample = Buffer.alloc(0);
    let size = 0;
    const limit = this.config.IMPORT_MAX_BYTES;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limit) return done(new CrmError('IMPORT_TOO_LARGE', `The file is larger than the ${formatBytes(limit)} an import may have.`));
        if (sample.length < SAMPLE_BYTES) sample = Buffer.concat([sample, chunk.subarray(0, SAMPLE_BYTES - sample.length)]);
        done(null, chunk);
      },
    });
    // Both pipes own their errors: a refused upload fails the request, nothing is left unhandled.
    const reading = pipeline(body, meter).catch((err: unknown) => err);
    const written = await this.files.write(key, meter).then(
      () => undefined,
      (err: unknown) => err,
    );
    const failure = (await reading) ?? written;
    if (failure) {
      body.resume();
      await this.files.delete(key);
      throw failure instanceof CrmError ? failure : new CrmError('IMPORT_UNREADABLE', 'The upload could not be read completely.');
    }
    try {
      if (size === 0) throw new CrmError('IMPORT_EMPTY', 'The file is empty.');
      // PostgreSQL text cannot hold NUL, and no CSV export has one: this is binary or UTF-16.
      if (sample.includes(0)) throw new CrmError('IMPORT_UNREADABLE', 'The file contains NUL bytes: it is not a CSV file (or is UTF-16: save it as CSV UTF-8).');
      const { encoding, delimiter } = sniffCsv(sample);
      const rows = await this.firstRows(sample, encoding, delimiter);
      const headers = rows[0]?.map((h) => h.trim()) ?? [];
      if (!headers.length || headers.every((h) => !h)) throw new CrmError('IMPORT_NO_HEADER', 'The first line of the file must name its columns.');
      const defs = (await this.customFields.list(tenantId)).items;
      const mapping: StoredMapping = suggestMapping(headers, defs.map((d) => ({ key: d.key, label: d.label }))).map((m: ColumnMapping) => ({
        column: m.column,
        header: m.header,
        field: fieldToString(m.field),
        confidence: m.confidence,
      }));
      const row = await this.prisma.scoped({ tenantId }, async (tx) => {
        const created = await this.repo.create(tx, {
          id,
          tenantId,
          fileName: fileName.slice(0, 200) || 'import.csv',
          fileKey: key,
          sizeBytes: size,
          encoding,
          delimiter,
          headers,
          mapping,
          createdById: actor.type === 'user' ? actor.id : null,
        });
        await this.audit.record(tx, tenantId, { action: 'lead_import.uploaded', entityType: 'lead_import', entityId: id, metadata: { fileName, size } });
        return created;
      });
      return { ...toImportDto(row), sampleRows: rows.slice(1, SAMPLE_ROWS + 1) };
    } catch (err) {
      await this.files.delete(key);
      throw err;
    }
  }

  async start(tenantId: string, actor: Actor, id: string, overrides: ColumnMappingInputDto[] = []) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const current = await this.repo.find(tx, tenantId, id);
      if (!current) throw new CrmError('IMPORT_NOT_FOUND', 'No such import.');
      if (current.status === 'expired') {
        throw new CrmError('IMPORT_EXPIRED', `This upload was not started within ${this.config.IMPORT_FILE_RETENTION_DAYS} days and its file has been deleted: upload the file again.`);
      }
      if (current.status !== 'uploaded') throw alreadyStarted();
      const mapping = [...((current.mapping ?? []) as StoredMapping)];
      for (const o of overrides) {
        const entry = mapping.find((m) => m.column === o.column);
        if (!entry) throw this.invalid(`mapping`, `column ${o.column} does not exist in the file`);
        entry.field = o.field ?? null;
        entry.confidence = 1;
      }
      const targets = mapping.map((m) => m.field).filter((f): f is string => f !== null);
      const duplicated = targets.find((t, i) => targets.indexOf(t) !== i);
      if (duplicated) throw this.invalid('mapping', `${duplicated} is mapped from two columns`);
      if (!targets.includes('email') && !targets.includes('phone')) throw this.invalid('mapping', 'map a column to email or phone');
      const known = (await this.customFields.schema(tx, tenantId)).types;
      const unknown = targets.find((t) => t.startsWith('customField:') && !Object.hasOwn(known, t.slice(12)));
      if (unknown) throw this.invalid('mapping', `${unknown} is not a custom field of this workspace`);
      const jobId = randomUUID();
      const row = await this.repo.claimUploaded(tx, tenantId, id, { mapping, status: 'queued', jobId });
      if (!row) throw alreadyStarted();
      await this.jobs.enqueueIn<CrmJobs['import-leads']>(tx, this.queue, 'import-leads', { tenantId, importId: id }, {
        trackingId: jobId,
        createdById: actor.type === 'user' ? actor.id : null,
        bull: { attempts: 3, removeOnComplete: 1000 },
      });
      await this.audit.record(tx, tenantId, { action: 'lead_import.started', entityType: 'lead_import', entityId: id, metadata: { fileName: row.fileName, jobId } });
      return toImportDto(row);
    });
  }

  /**
   * One import; one still waiting for its mapping comes with its first rows again, read from the
   * stored file, so the mapping step can be resumed with its examples.
   */
  async get(tenantId: string, id: string) {
    const row = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!row) throw new CrmError('IMPORT_NOT_FOUND', 'No such import.');
    if (row.status !== 'uploaded') return toImportDto(row);
    return { ...toImportDto(row), sampleRows: await this.storedSample(row) };
  }

  async list(tenantId: string) {
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId, 50));
    return { items: rows.map(toImportDto), maxBytes: this.config.IMPORT_MAX_BYTES };
  }

  /**
   * Deletes an import that is not running: an upload never started (or expired), or a finished
   * import. Its files go (upload and reports); the leads it imported stay. A start racing with
   * the delete wins or loses on the row lock: the delete only removes a row still in one of
   * those states, so a running import never loses its file.
   */
  async remove(tenantId: string, id: string): Promise<void> {
    const removed = await this.prisma.scoped({ tenantId }, async (tx) => {
      const row = await this.repo.find(tx, tenantId, id);
      if (!row) throw new CrmError('IMPORT_NOT_FOUND', 'No such import.');
      if (!(await this.repo.deleteIfIdle(tx, tenantId, id))) {
        throw new CrmError('IMPORT_RUNNING', 'This import is queued or running: wait for it to finish before deleting it.');
      }
      await this.audit.record(tx, tenantId, { action: 'lead_import.deleted', entityType: 'lead_import', entityId: id, metadata: { fileName: row.fileName, status: row.status } });
      return row;
    });
    // After the commit: a file whose row is gone is never read again; one left by a failed delete is only disk space.
    for (const key of [removed.fileKey, removed.reportKey, removed.warningsKey, warningsFileKey(tenantId, id), reportFileKey(tenantId, id)]) {
      if (key) await this.files.delete(key).catch((err: unknown) => this.logger.warn({ err, tenantId, importId: id, key }, 'could not delete a deleted import\'s file'));
    }
  }

  report(tenantId: string, id: string): Promise<Readable> {
    return this.storedReport(tenantId, id, 'rejected');
  }

  warnings(tenantId: string, id: string): Promise<Readable> {
    return this.storedReport(tenantId, id, 'warnings');
  }

  private async storedReport(tenantId: string, id: string, which: 'rejected' | 'warnings'): Promise<Readable> {
    const row = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!row) throw new CrmError('IMPORT_NOT_FOUND', 'No such import.');
    const key = which === 'rejected' ? row.reportKey : row.warningsKey;
    if (key && row.reportDeletedAt) {
      throw new CrmError('IMPORT_REPORT_EXPIRED', `Import reports are kept ${this.config.IMPORT_REPORT_RETENTION_DAYS} days after their import; this one has been deleted.`);
    }
    const file = key ? await this.files.read(key) : null;
    if (!file) throw new CrmError('IMPORT_NOT_FOUND', which === 'rejected' ? 'This import has no rejected rows.' : 'This import left no value out.');
    return file.stream;
  }

  /** The first rows of a stored upload (empty when its file is gone). */
  private async storedSample(row: LeadImport): Promise<string[][]> {
    const file = await this.files.read(row.fileKey);
    if (!file) return [];
    const chunks: Buffer[] = [];
    let length = 0;
    try {
      for await (const chunk of file.stream as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= SAMPLE_BYTES) break;
      }
    } finally {
      file.stream.destroy();
    }
    const sample = Buffer.concat(chunks).subarray(0, SAMPLE_BYTES);
    const rows = await this.firstRows(sample, row.encoding as ReturnType<typeof sniffCsv>['encoding'], row.delimiter as ReturnType<typeof sniffCsv>['delimiter']);
    return rows.slice(1, SAMPLE_ROWS + 1);
  }

  /** The header and first rows, read from the sniffed sample with the import's own parser. */
  private async firstRows(sample: Buffer, encoding: ReturnType<typeof sniffCsv>['encoding'], delimiter: ReturnType<typeof sniffCsv>['delimiter']): Promise<string[][]> {
    const parser = createCsvParser({ delimiter });
    const rows: string[][] = [];
    // The sample may end mid-record: keep only complete ones.
    const lastNewline = sample.lastIndexOf(0x0a);
    const complete = lastNewline > 0 && sample.length === SAMPLE_BYTES ? sample.subarray(0, lastNewline + 1) : sample;
    // Errors reach the loop below through the parser; stopping after the first rows destroys it.
    pipeline(Readable.from([complete]), decodingStream(encoding), parser).catch(() => undefined);
    try {
      for await (const record of parser as AsyncIterable<{ cells: string[] }>) {
        rows.push(record.cells);
        if (rows.length > SAMPLE_ROWS) break;
      }
    } catch (err) {
      throw new CrmError('IMPORT_UNREADABLE', `The file is not a readable CSV: ${(err as Error).message}`);
    }
    return rows;
  }

  private invalid(field: string, message: string) {
    return new CommonError('VALIDATION_FAILED', message, [{ field, code: 'invalid', message }]);
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { FILE_STORE, type FileStore } from '../../../infra/storage/file-store.js';
import { LeadImportsRepository } from './lead-imports.repository.js';

const DAY = 86_400_000;

export interface RetentionOutcome {
  expired: number;
  uploadsDeleted: number;
  reportsDeleted: number;
}

/**
 * Lead import files hold personal data and disk space, so they are not kept forever:
 * - the uploaded CSV, IMPORT_FILE_RETENTION_DAYS after the import finished (completed or
 *   failed): once imported, the leads are in the database and nothing reads the file again;
 * - an upload never started, as long after its upload: it is marked expired (it can no longer
 *   be started; the app says to upload it again) and its file deleted;
 * - the rejected-rows and warnings reports, IMPORT_REPORT_RETENTION_DAYS after the import
 *   finished: people come back to fix and re-import rejected rows well after they need the original.
 * Queued and running imports are never touched. A file is deleted before its row says so, so a
 * failure leaves the row to be tried again at the next run, never a file nobody will delete.
 */
@Injectable()
export class ImportFileRetentionService {
  private readonly logger = new Logger(ImportFileRetentionService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORE) private readonly files: FileStore,
    private readonly prisma: PrismaService,
    private readonly repo: LeadImportsRepository,
  ) {}

  /** Applies the retention to one tenant's imports as of `at` (the cron's tick). */
  async apply(tenantId: string, at: Date): Promise<RetentionOutcome> {
    const uploadCutoff = new Date(at.getTime() - this.config.IMPORT_FILE_RETENTION_DAYS * DAY);
    const reportCutoff = new Date(at.getTime() - this.config.IMPORT_REPORT_RETENTION_DAYS * DAY);
    // Expiry commits first: from then on the upload cannot be started (start locks the row and
    // re-reads its status), so no import starts on a file about to be deleted.
    const expired = await this.prisma.scoped({ tenantId }, (tx) => this.repo.expireUnstarted(tx, tenantId, uploadCutoff));
    const { uploads, reports } = await this.prisma.scoped({ tenantId }, async (tx) => ({
      uploads: await this.repo.uploadsPastRetention(tx, tenantId, uploadCutoff),
      reports: await this.repo.reportsPastRetention(tx, tenantId, reportCutoff),
    }));
    const uploadsDeleted = await this.deleteAll(tenantId, uploads.map((u) => ({ id: u.id, keys: [u.fileKey] })));
    const reportsDeleted = await this.deleteAll(tenantId, reports.map((r) => ({ id: r.id, keys: [r.reportKey, r.warningsKey] })));
    await this.prisma.scoped({ tenantId }, async (tx) => {
      if (uploadsDeleted.length) await this.repo.markFilesDeleted(tx, tenantId, uploadsDeleted, at, 'upload');
      if (reportsDeleted.length) await this.repo.markFilesDeleted(tx, tenantId, reportsDeleted, at, 'report');
    });
    const outcome = { expired, uploadsDeleted: uploadsDeleted.length, reportsDeleted: reportsDeleted.length };
    if (expired || uploadsDeleted.length || reportsDeleted.length) this.logger.log({ tenantId, ...outcome }, 'lead import files past their retention deleted');
    return outcome;
  }

  /** The ids whose file is gone (deleting a missing file succeeds); failures wait for the next run. */
  private async deleteAll(tenantId: string, files: { id: string; keys: (string | null)[] }[]): Promise<string[]> {
    const deleted: string[] = [];
    for (const { id, keys } of files) {
      try {
        for (const key of keys) if (key) await this.files.delete(key);
        deleted.push(id);
      } catch (err) {
        this.logger.warn({ err, tenantId, importId: id, keys }, 'could not delete a lead import file; the next run retries');
      }
    }
    return deleted;
  }
}

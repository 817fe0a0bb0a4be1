import { pipeline, Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { CustomFieldsService } from '../custom-fields/custom-fields.service.js';
import type { ListLeadsQueryDto } from '../dto/lead.dto.js';
import { leadsCsvStream } from '../import/index.js';
import { LeadFilterCompiler } from '../lead-filter.compiler.js';
import { DEFAULT_LEAD_SORT, type LeadCursor, parseLeadSort } from '../lead-sort.js';
import { type LeadRow, LeadsRepository } from '../leads.repository.js';
import { SegmentsService } from '../segments/segments.service.js';

const PAGE = 2000;

/** One page of rows, and how to read the next one (none on the last page). */
interface ExportPage {
  rows: LeadRow[];
  next?: () => Promise<ExportPage>;
}

/**
 * CSV export of a filtered lead list, streamed page by page (keyset, one round trip each), so
 * a million leads never sit in memory. Cells are formula-neutralised; French locale gives `;`
 * and French headers, which the importer maps back.
 *
 * The first page is read before anything is answered, so a bad filter or a database error
 * there is an ordinary problem+json response. A failure on a later page, once the CSV is being
 * sent, can no longer change the status: the response is aborted (the client sees a cut
 * transfer, never a file that looks complete) and the failure logged.
 */
@Injectable()
export class LeadExportService {
  private readonly logger = new Logger(LeadExportService.name);

  constructor(
    private readonly repo: LeadsRepository,
    private readonly customFields: CustomFieldsService,
    private readonly segments: SegmentsService,
    private readonly filters: LeadFilterCompiler,
  ) {}

  /** A segment's leads (its rules now, or its members if static), page by page. */
  async exportSegment(tenantId: string, segmentId: string, locale: 'fr' | 'en'): Promise<Readable> {
    const read = async (cursor?: string): Promise<ExportPage> => {
      const page = await this.segments.leadRows(tenantId, segmentId, PAGE, cursor);
      const next = page.nextCursor;
      return { rows: page.rows, next: next ? () => read(next) : undefined };
    };
    return this.csv(tenantId, locale, await read(), { segmentId });
  }

  async export(tenantId: string, query: ListLeadsQueryDto, locale: 'fr' | 'en'): Promise<Readable> {
    const filter = await this.filters.compile(tenantId, this.filters.parseJson(query.filter, 'filter'), 'filter');
    const sort = parseLeadSort(DEFAULT_LEAD_SORT);
    const read = async (cursor?: LeadCursor): Promise<ExportPage> => {
      const rows = await this.repo.list(tenantId, query, sort, PAGE, cursor, filter);
      if (rows.length <= PAGE) return { rows };
      const last = rows[PAGE - 1]!;
      return { rows: rows.slice(0, PAGE), next: () => read({ sort: DEFAULT_LEAD_SORT, value: last.createdAt.toISOString(), id: last.id }) };
    };
    return this.csv(tenantId, locale, await read(), { filter: true });
  }

  private async csv(tenantId: string, locale: 'fr' | 'en', first: ExportPage, what: object): Promise<Readable> {
    const defs = (await this.customFields.list(tenantId)).items;
    async function* rows() {
      let page: ExportPage | undefined = first;
      while (page) {
        yield* page.rows;
        page = page.next ? await page.next() : undefined;
      }
    }
    const csv = leadsCsvStream({ locale, customFields: defs.map((d) => ({ key: d.key, label: d.label })) });
    // pipeline() owns every stream's errors: a failing page destroys the CSV stream with its
    // error (the response is then aborted), and a client that goes away stops the reading.
    return pipeline(Readable.from(rows()), csv, (err) => {
      if (!err) return;
      if ((err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') this.logger.debug({ tenantId, ...what }, 'lead export stopped: the client went away');
      else this.logger.error({ err, tenantId, ...what }, 'lead export failed after it started: response aborted');
    });
  }
}
